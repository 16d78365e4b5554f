#Requires -Version 7.4
# What a model writes, and what a copied folder names its files, reaches the terminal in a run's properties and in
# the module's messages: in a real terminal (tmux) none of it may act (retitle the window, write the clipboard, hide
# or overwrite text); it shows as visible stand-ins instead.

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Reconstructed = Join-Path $script:RepositoryRoot 'tests/LocalModels.Tests/Samples/reconstructed'
    $script:Esc = [char]27
    $script:Bel = [char]7

    # A copy of a sample trace whose every assistant text (and tool name) carries terminal sequences.
    function Write-HostileTrace([string] $Sample, [string] $Path) {
        $lines = foreach ($line in Get-Content -LiteralPath (Join-Path $script:Reconstructed $Sample)) {
            $entry = $line | ConvertFrom-Json -AsHashtable
            if ($entry.type -eq 'assistant') {
                foreach ($block in $entry.message.content) {
                    if ($block.type -eq 'text') {
                        $block.text = "$($script:Esc)]0;PWNED-TITLE$($script:Bel)$($script:Esc)]52;c;ZWNobyBwd25lZA==$($script:Bel)" + $block.text
                    }
                    if ($block.type -eq 'tool_use') { $block.name = $block.name + "$($script:Esc)]2;PWNED-TOOL$($script:Bel)$($script:Esc)[8m`rOVERWRITTEN" }
                }
            }
            $entry | ConvertTo-Json -Depth 30 -Compress
        }
        Set-Content -LiteralPath $Path -Value $lines
    }
}

Describe 'Runs and messages from hostile traces in a real terminal' {
    It 'show terminal sequences as stand-ins and never act on them' -Skip:$IsWindows {
        $folder = Join-Path $TestDrive 'hostile'
        New-Item -ItemType Directory -Path $folder | Out-Null
        Write-HostileTrace 'functiongemma.refuses.stream.jsonl' (Join-Path $folder 'refuses.stream.jsonl')
        Write-HostileTrace 'phi4-mini.invented-tools.stream.jsonl' (Join-Path $folder 'tools.stream.jsonl')
        # A file the import warns about, named to retitle the window when its name is printed.
        Set-Content -LiteralPath (Join-Path $folder "notes$($script:Esc)]0;PWNED-NAME$($script:Bel).jsonl") -Value 'not a trace'

        $script = Join-Path $TestDrive 'hostile-output.ps1'
        Set-Content -Path $script -Value @"
Import-Module '$script:ModuleManifest'
`$runs = Import-ModelRun -LiteralPath '$folder'
`$runs | Format-List Model, ToolSequence, Signals, Evidence
`$runs | Export-Csv -LiteralPath '$TestDrive/runs.csv'
Get-Content -LiteralPath '$TestDrive/runs.csv' | Select-Object -First 3
'all printed'
"@
        $terminal = Invoke-TerminalScript -Script $script -Width 200 -Height 80 -Until 'all printed'
        $screen = $terminal.Screen
        $title = $terminal.Title
        $screen | Should -Match 'all printed' -Because "the script ran to its end. Screen:`n$screen"
        $title | Should -Not -Match 'PWNED' -Because 'no text of a run or message may retitle the terminal'
        # The sequences are there to read, as stand-ins: ESC as U+241B, BEL as U+2407.
        $standIn = [regex]::Escape("$([char]0x241B)]0;PWNED-TITLE$([char]0x2407)")
        $screen | Should -Match $standIn
        $screen | Should -Match ([regex]::Escape("$([char]0x241B)]0;PWNED-NAME$([char]0x2407)")) -Because 'the warning names the file, safely'
        $screen | Should -Match ([regex]::Escape("FileSearch$([char]0x241B)]2;PWNED-TOOL$([char]0x2407)$([char]0x241B)[8m$([char]0x240D)OVERWRITTEN")) -Because 'a carriage return may not overwrite the line, nor ESC[8m hide it' 
    }

    It 'keeps every text property of an imported run free of control characters' {
        $folder = Join-Path $TestDrive 'properties'
        New-Item -ItemType Directory -Path $folder | Out-Null
        Write-HostileTrace 'functiongemma.refuses.stream.jsonl' (Join-Path $folder 'refuses.stream.jsonl')
        Write-HostileTrace 'phi4-mini.invented-tools.stream.jsonl' (Join-Path $folder 'tools.stream.jsonl')

        $runs = @(Import-ModelRun -LiteralPath $folder)

        $runs | Should -HaveCount 2
        ($runs | Where-Object TracePath -Like '*refuses*').FailureMode | Should -Be 'Refuses'
        ($runs | Where-Object TracePath -Like '*tools*').FailureMode | Should -Be 'HallucinatedTools'
        foreach ($run in $runs) {
            foreach ($property in $run.PSObject.Properties | Where-Object TypeNameOfValue -EQ 'System.String') {
                $property.Value | Should -Not -Match '[\x00-\x08\x0B-\x1F\x7F-\x9F]' -Because "$($property.Name) is printed as it is"
            }
        }
    }
}
