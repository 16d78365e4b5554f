@{
    # What review and test.sh run: Invoke-ScriptAnalyzer -Path examples, tests/Pester -Recurse -Settings <this file>.
    # Information-level rules (PSAvoidUsingPositionalParameters, PSAvoidTrailingWhitespace, PSUseCorrectCasing...)
    # are left out by Severity; tests/LocalModels.Tests/ScriptAnalysisTests.cs re-checks the common Warning rules
    # where PSScriptAnalyzer is not installed.
    Severity     = @('Error', 'Warning')

    # Pester 5 sets variables in BeforeDiscovery/BeforeAll and reads them in -ForEach/It, separate scriptblocks that
    # this per-scriptblock rule cannot connect, so every such variable would be reported as never used.
    ExcludeRules = @('PSUseDeclaredVarsMoreThanAssignments')
}
