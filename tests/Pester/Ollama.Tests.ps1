#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# User scenarios of the Ollama foundation, against the module's own simulator (no Ollama needed).

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $script:sim = Start-OllamaSimulator
    $script:hostUri = $script:sim.BaseUri
}

AfterAll {
    if ($script:sim) { $script:sim | Stop-OllamaSimulator -Confirm:$false }
}

Describe 'Get-OllamaModel' {
    It 'lists the simulated catalogue as typed objects' {
        $models = Get-OllamaModel -OllamaHost $hostUri
        $models.Count | Should -BeGreaterOrEqual 5
        $models[0] | Should -BeOfType ([LocalModels.OllamaModel])
    }

    It 'tells which models can drive Claude Code' {
        (Get-OllamaModel devstral-small-2 -OllamaHost $hostUri).SupportsTools | Should -BeTrue
        (Get-OllamaModel deepseek-r1:32b -OllamaHost $hostUri).SupportsTools | Should -BeFalse
    }

    It 'reports the native context from model_info' {
        (Get-OllamaModel magistral:24b -OllamaHost $hostUri).NativeContextLength | Should -Be 40960
    }

    It 'exports capabilities as one readable CSV column' {
        $csv = Get-OllamaModel devstral-small-2 -OllamaHost $hostUri | ConvertTo-Csv -NoTypeInformation
        ($csv -join "`n") | Should -Match 'completion, tools'
    }

    It 'returns nothing for an unmatched wildcard and an error for an unknown name' {
        Get-OllamaModel 'nothing*' -OllamaHost $hostUri | Should -BeNullOrEmpty
        { Get-OllamaModel nothing -OllamaHost $hostUri -ErrorAction Stop } |
            Should -Throw -ErrorId 'OllamaModelNotFound,LocalModels.Commands.GetOllamaModelCommand'
    }

    It 'says Ollama is not running when nothing listens' {
        { Get-OllamaModel -OllamaHost 'http://127.0.0.1:9' -ErrorAction Stop } |
            Should -Throw -ErrorId 'OllamaNotRunning,LocalModels.Commands.GetOllamaModelCommand'
    }

    It 'rejects a malformed host' {
        { Get-OllamaModel -OllamaHost 'ftp://x' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidOllamaHost,LocalModels.Commands.GetOllamaModelCommand'
    }
}

Describe 'New-DevstralModelfile and New-OllamaModel' {
    It 'creates one model per piped context length' {
        $made = 16384, 32768 | New-DevstralModelfile -OllamaHost $hostUri
        $made.Name | Should -Be @('devstral-16k', 'devstral-32k')
        (Get-OllamaModel devstral-32k -OllamaHost $hostUri).ConfiguredContextLength | Should -Be 32768
    }

    It 'writes the Modelfile into a directory' {
        $made = New-DevstralModelfile -ContextLength 131072 -ModelfilePath $TestDrive -OllamaHost $hostUri
        $made.Name | Should -Be 'devstral-128k'
        Get-Content (Join-Path $TestDrive 'devstral-128k.Modelfile') -Raw | Should -Be "FROM devstral-small-2`nPARAMETER num_ctx 131072`n"
    }

    It 'changes nothing under -WhatIf' {
        New-DevstralModelfile -ContextLength 8192 -OllamaHost $hostUri -WhatIf
        Get-OllamaModel devstral-8k -OllamaHost $hostUri -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'refuses <Context> with <Id>' -TestCases @(
        @{ Base = 'devstral-small-2'; Context = 0; Id = 'InvalidContextLength' }
        @{ Base = 'devstral-small-2'; Context = -1; Id = 'InvalidContextLength' }
        @{ Base = 'magistral:24b'; Context = 65536; Id = 'ContextLengthAboveNative' }
        @{ Base = 'ghost'; Context = 65536; Id = 'OllamaModelNotFound' }
    ) {
        { New-OllamaModel -BaseModel $Base -ContextLength $Context -OllamaHost $hostUri -ErrorAction Stop } |
            Should -Throw -ErrorId "$Id,LocalModels.Commands.NewOllamaModelCommand"
    }

    It 'rejects invalid model names' {
        { New-OllamaModel -BaseModel devstral-small-2 -ContextLength 65536 -Name 'bad name' -OllamaHost $hostUri -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidModelName,LocalModels.Commands.NewOllamaModelCommand'
    }

    It 'pipes its result into the preflight' {
        $checks = New-DevstralModelfile -OllamaHost $hostUri | Test-ClaudeLocal -ClaudePath (Join-Path $TestDrive 'no-claude')
        ($checks | Where-Object Check -eq 'ToolsCapability').Status | Should -Be 'Pass'
        ($checks | Where-Object Check -eq 'ContextLength').Status | Should -Be 'Pass'
        ($checks | Where-Object Check -eq 'ClaudeCode').Status | Should -Be 'Fail'
    }
}

Describe 'Test-ClaudeLocal' {
    It 'fails a model without tools and warns about a small context' {
        $checks = Test-ClaudeLocal deepseek-r1:32b -OllamaHost $hostUri -ClaudePath (Join-Path $TestDrive 'no-claude')
        ($checks | Where-Object Check -eq 'ToolsCapability').Status | Should -Be 'Fail'
        ($checks | Where-Object Check -eq 'ContextLength').Message | Should -Match '64K was the working minimum'
        Test-ClaudeLocal deepseek-r1:32b -Quiet -OllamaHost $hostUri -ClaudePath (Join-Path $TestDrive 'no-claude') | Should -BeFalse
    }
}

Describe 'Set-OllamaContext and Get-OllamaContext' {
    It 'creates a context alias for a model' {
        $setting = Set-OllamaContext 65536 -Model qwen3-coder:30b -OllamaHost $hostUri -Confirm:$false
        $setting.Model | Should -Be 'qwen3-coder-30b-64k'
        (Get-OllamaContext qwen3-coder-30b-64k -OllamaHost $hostUri).Source | Should -Be 'Model'
    }

    It 'previews a server change without making it' {
        # Never run for real here: as root on Linux it would write the systemd drop-in of the machine's ollama.service.
        $dropIn = '/etc/systemd/system/ollama.service.d/localmodels-context.conf'
        $before = if (Test-Path -LiteralPath $dropIn) { Get-Content -LiteralPath $dropIn -Raw }
        $variable = [Environment]::GetEnvironmentVariable('OLLAMA_CONTEXT_LENGTH')

        Set-OllamaContext 65536 -Scope Server -WhatIf | Should -BeNullOrEmpty

        $after = if (Test-Path -LiteralPath $dropIn) { Get-Content -LiteralPath $dropIn -Raw }
        $after | Should -Be $before
        [Environment]::GetEnvironmentVariable('OLLAMA_CONTEXT_LENGTH') | Should -Be $variable
    }
}

Describe 'Install-OllamaModel and Remove-OllamaModel' {
    It 'removes and reinstalls a model' {
        Remove-OllamaModel qwen3:0.6b -OllamaHost $hostUri -Confirm:$false
        Get-OllamaModel 'qwen3:0.6b*' -OllamaHost $hostUri | Should -BeNullOrEmpty
        (Install-OllamaModel qwen3:0.6b -OllamaHost $hostUri).Name | Should -Be 'qwen3:0.6b'
    }

    It 'reports a missing model on delete' {
        { Remove-OllamaModel ghost -OllamaHost $hostUri -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'OllamaModelNotFound,LocalModels.Commands.RemoveOllamaModelCommand'
    }
}

Describe 'Simulator cmdlets' {
    It 'lists the running simulator' {
        (Get-OllamaSimulator).Port | Should -Contain $sim.Port
    }
}
