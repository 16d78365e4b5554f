#Requires -Version 7.4
# Get-Help as a user of real pwsh reads it: for every exported cmdlet, a syntax block per parameter set, and
# parameter facts (aliases, positions, pipeline input, defaults) that match the cmdlet itself, a description for
# every parameter, and examples that parse. The build writes the facts from the cmdlets; this checks the result
# against the engine's own view of each cmdlet, so a new cmdlet or parameter is covered without listing it here.

BeforeDiscovery {
    . $PSScriptRoot/Common.ps1
    $cmdlets = @((Get-Module LocalModels).ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Common = [System.Management.Automation.Cmdlet]::CommonParameters

    # Parameters as help lists them: common ones are summed up as <CommonParameters>; WhatIf and Confirm are listed.
    function script:Get-ListedParameter([System.Management.Automation.CommandParameterSetInfo] $Set) {
        $Set.Parameters | Where-Object { $_.Name -notin $script:Common }
    }

    # One line per parameter of a set, so a set in help and a set of the cmdlet compare as text.
    function script:Format-Signature([object[]] $Parameter) {
        ($Parameter | ForEach-Object { "$($_.Name) required=$($_.Required) position=$($_.Position) aliases=$($_.Aliases)" } | Sort-Object) -join '; '
    }

    function script:Format-Default([object] $Value) {
        if ($null -eq $Value) { return 'None' }
        if ($Value -is [System.Management.Automation.SwitchParameter]) { return [string]$Value.IsPresent }
        if ($Value -is [string]) { if ($Value.Length -eq 0) { return 'None' } else { return $Value } }
        if ($Value -is [System.Collections.IEnumerable]) {
            # A dictionary goes down the pipeline whole; its entries are what the help lists.
            if ($Value -is [System.Collections.IDictionary]) { $Value = $Value.GetEnumerator() }
            $items = @($Value | ForEach-Object { [string]$_ })
            if ($items.Count -eq 0) { return 'None' } else { return $items -join ', ' }
        }
        [string]$Value
    }
}

Describe 'Get-Help <Name>' -ForEach $cmdlets {
    BeforeAll {
        $command = Get-Command -Name $Name
        $help = Get-Help -Name $Name -Full
        $sets = @($command.ParameterSets | Sort-Object -Property @{ Expression = 'IsDefault'; Descending = $true }, Name)
        $helpParameters = @($help.parameters.parameter)
    }

    It 'shows a syntax line for each of its <Name> parameter sets' {
        $text = Get-Help -Name $Name | Out-String -Width 250
        $lines = @($text -split '\r?\n' | Where-Object { $_ -match "^\s+$([regex]::Escape($Name))\s+\S" })
        $lines | Should -HaveCount $sets.Count
        @($help.syntax.syntaxItem) | Should -HaveCount $sets.Count
    }

    It 'has syntax whose parameters, requirement, positions and aliases match each parameter set' {
        $expected = foreach ($set in $sets) {
            Format-Signature (Get-ListedParameter $set | ForEach-Object {
                    [pscustomobject]@{
                        Name     = $_.Name
                        Required = $_.IsMandatory.ToString().ToLowerInvariant()
                        Position = if ($_.Position -ge 0) { [string]$_.Position } else { 'named' }
                        Aliases  = if ($_.Aliases.Count) { $_.Aliases -join ', ' } else { 'none' }
                    } })
        }
        $actual = foreach ($item in @($help.syntax.syntaxItem)) {
            Format-Signature (@($item.parameter) | Where-Object { $_ } | ForEach-Object {
                    [pscustomobject]@{ Name = $_.name; Required = $_.required; Position = $_.position; Aliases = $_.aliases } })
        }
        @($actual | Sort-Object) | Should -Be @($expected | Sort-Object)
    }

    It 'describes every parameter, with the aliases, position, pipeline input and default of the cmdlet' {
        $fresh = [System.Activator]::CreateInstance($command.ImplementingType)
        $names = @($sets | ForEach-Object { Get-ListedParameter $_ } | ForEach-Object Name | Select-Object -Unique)
        @($helpParameters.name | Sort-Object) | Should -Be @($names | Sort-Object) -Because 'help lists exactly the parameters of the cmdlet'
        foreach ($parameterName in $names) {
            $listed = @($helpParameters | Where-Object name -EQ $parameterName)[0]
            $occurrences = @($sets | ForEach-Object { $_.Parameters | Where-Object Name -EQ $parameterName })
            $first = $occurrences[0]
            $required = -not ($occurrences | Where-Object { -not $_.IsMandatory })
            $positioned = @($occurrences | Where-Object Position -GE 0)
            $ways = @(if ($occurrences | Where-Object ValueFromPipeline) { 'ByValue' }
                if ($occurrences | Where-Object ValueFromPipelineByPropertyName) { 'ByPropertyName' })

            ($listed.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "-$parameterName needs a description"
            $listed.aliases | Should -Be $(if ($first.Aliases.Count) { $first.Aliases -join ', ' } else { 'none' }) -Because "-$parameterName's aliases"
            $listed.position | Should -Be $(if ($positioned) { [string]$positioned[0].Position } else { 'named' }) -Because "-$parameterName's position"
            $listed.required | Should -Be $required.ToString().ToLowerInvariant() -Because "-$parameterName's requirement"
            $listed.pipelineInput | Should -Be $(if ($ways) { "True ($($ways -join ', '))" } else { 'False' }) -Because "-$parameterName's pipeline input"
            # The most derived declaration: a cmdlet may hide a base class's parameter with its own (-OllamaHost).
            $property = $null
            for ($type = $command.ImplementingType; $type -and -not $property; $type = $type.BaseType) {
                $property = $type.GetProperty($parameterName, [System.Reflection.BindingFlags]'Public, Instance, DeclaredOnly')
            }
            # WhatIf and Confirm belong to the engine, not the cmdlet class: switches, off unless given.
            $value = if ($property) { $property.GetValue($fresh) } elseif ($first.SwitchParameter) { [switch]$false }
            $default = if ($required) { 'None' } else { Format-Default $value }
            if ($default -eq 'None') {
                # Nothing to show from the code (none, or decided at run time): None or the help's own words.
                $listed.defaultValue | Should -Not -BeNullOrEmpty -Because "-$parameterName's default"
            }
            else {
                $listed.defaultValue | Should -Be $default -Because "-$parameterName's default is what the cmdlet holds"
            }
        }
    }

    It 'has a synopsis, a description and examples that parse' {
        $help.Synopsis | Should -Not -BeLike "$Name*" -Because 'a synopsis that starts with the name is the generated stand-in'
        ($help.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterThan 0
        foreach ($example in $examples) {
            $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput(($example.code -join "`n"), [ref] $null, [ref] $errors)
            $errors | Should -BeNullOrEmpty -Because "example '$($example.code)' must parse"
        }
    }
}
