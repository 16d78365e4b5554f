@{
    # What test.sh runs (tests/Pester/ScriptAnalysis.Tests.ps1): Invoke-ScriptAnalyzer -Settings <this file> on every
    # script in examples, tests/Pester, module and tools. Information-level rules (PSAvoidUsingPositionalParameters,
    # PSAvoidTrailingWhitespace, PSUseCorrectCasing...) are left out by Severity; tests/LocalModels.Tests/
    # ScriptAnalysisTests.cs re-checks the common Warning rules in the .NET suite, for a quick run without pwsh.
    Severity     = @('Error', 'Warning')

    # Pester 5 sets variables in BeforeDiscovery/BeforeAll and reads them in -ForEach/It, separate scriptblocks that
    # this per-scriptblock rule cannot connect, so every such variable would be reported as never used.
    ExcludeRules = @('PSUseDeclaredVarsMoreThanAssignments')
}
