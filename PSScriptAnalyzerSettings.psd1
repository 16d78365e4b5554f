@{
    # Pester's BeforeAll/It blocks share variables across scriptblocks, which this rule cannot see.
    ExcludeRules = @('PSUseDeclaredVarsMoreThanAssignments')
    Severity     = @('Error', 'Warning')
}
