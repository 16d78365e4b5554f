#Requires -Version 7.4
<#
.SYNOPSIS
    Runs the LocalModels Pester suite (every *.Tests.ps1 here) against the built module in out/LocalModels.

.DESCRIPTION
    Build first ('dotnet build LocalModels.sln') and install the pinned Claude Code ('npm ci'): the runner and
    end-to-end tests run the real CLI against the module's own Ollama simulator, so no Ollama is needed.
    Pester 5 (the build lays 5.9.1 out in out/modules) and PSScriptAnalyzer 1.25.0 must be on PSModulePath;
    ./test.sh sets that up.

    Each test file runs in its own pwsh process, as a user's session would: no module state, environment change or
    simulator of one file reaches another, and a file that hangs is stopped after -FileTimeout and counted as failed.
    -ThrottleLimit files run at once. The exit code is the number of failed tests (0 when all pass).

.EXAMPLE
    PSModulePath=$PWD/out/modules:../shared/tools/modules dotnet pwsh -NoProfile -File tests/Pester/Invoke-PesterSuite.ps1 -Verbosity Normal
#>
[CmdletBinding()]
param(
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Verbosity = 'Detailed',

    [ValidateRange(1, 16)]
    [int] $ThrottleLimit = 2,

    # Each file takes under two minutes even on a loaded machine; a hang is cut short while CI still has time to report it.
    [ValidateRange(10, 3600)]
    [int] $FileTimeout = 300
)

# The suites are written for Pester 5 (discovery and run phases, Should -Throw -ErrorId, BeforeDiscovery).
$pester = Get-Module Pester -ListAvailable | Where-Object { $_.Version.Major -eq 5 } | Sort-Object Version -Descending | Select-Object -First 1
if (-not $pester) { throw 'Pester 5 is not on PSModulePath: build first (dotnet build lays it out in out/modules).' }

$pwsh = (Get-Process -Id $PID).Path
# Started as 'dotnet pwsh': run pwsh.dll again through the same dotnet.
[string[]] $hostArguments = @()
if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $hostArguments = @([Environment]::GetCommandLineArgs()[0]) }

$results = Get-ChildItem -LiteralPath $PSScriptRoot -Filter *.Tests.ps1 | Sort-Object Name | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel {
    $file = $_.FullName
    $resultFile = [System.IO.Path]::GetTempFileName()
    $script = @"
Import-Module '$($using:pester.Path)' -ErrorAction Stop
`$configuration = New-PesterConfiguration
`$configuration.Run.Path = '$file'
`$configuration.Run.PassThru = `$true
`$configuration.Output.Verbosity = '$($using:Verbosity)'
`$result = Invoke-Pester -Configuration `$configuration
'{0} {1} {2}' -f `$result.PassedCount, `$result.FailedCount, `$result.SkippedCount | Set-Content -LiteralPath '$resultFile'
"@
    $start = [System.Diagnostics.ProcessStartInfo]::new($using:pwsh)
    foreach ($argument in @($using:hostArguments) + @('-NoProfile', '-NonInteractive', '-Command', $script)) { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.WorkingDirectory = (Get-Location).Path
    $process = [System.Diagnostics.Process]::Start($start)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    $finished = $process.WaitForExit($using:FileTimeout * 1000)
    $stuck = @()
    if (-not $finished) {
        # What the file was waiting on when it was stopped: its processes, to say which one hung.
        $all = @(Get-Process)
        $tree = [System.Collections.Generic.HashSet[int]]::new([int[]]@($process.Id))
        do {
            $grown = $false
            foreach ($candidate in $all) {
                $parent = try { $candidate.Parent } catch { $null }
                if ($parent -and $tree.Contains($parent.Id) -and $tree.Add($candidate.Id)) { $grown = $true }
            }
        } while ($grown)
        $stuck = @($all | Where-Object { $tree.Contains($_.Id) } | ForEach-Object {
                $line = try { "$($_.CommandLine)" -replace '\s+', ' ' } catch { '' }
                '{0,7} {1,8:N1}s {2}: {3}' -f $_.Id, $_.TotalProcessorTime.TotalSeconds, $_.ProcessName, $(if ($line.Length -gt 160) { $line.Substring(0, 160) + '...' } else { $line })
            })
        $process.Kill($true)
    }
    $process.WaitForExit()
    $counts = (Get-Content -LiteralPath $resultFile -ErrorAction SilentlyContinue) -split ' '
    Remove-Item -LiteralPath $resultFile -ErrorAction SilentlyContinue
    [pscustomobject]@{
        File     = $_.Name
        # A process that left the file's tree may still hold its output open: what came so far is enough.
        Output   = @($stdout, $stderr | ForEach-Object { if ($_.Wait(10000)) { $_.Result } else { "(output still held open by a process outside the file's tree)" } }) -join ''
        TimedOut = -not $finished
        Stuck    = $stuck
        Passed   = if ($counts.Count -eq 3) { [int]$counts[0] } else { 0 }
        # A file that ended without its result (a crash, or stopped at the time limit) counts as one failure.
        Failed   = if ($counts.Count -eq 3 -and $finished) { [int]$counts[1] } else { [Math]::Max(1, $(if ($counts.Count -eq 3) { [int]$counts[1] } else { 0 })) }
        NotRun   = if ($counts.Count -eq 3) { [int]$counts[2] } else { 0 }
    }
}

foreach ($result in $results | Sort-Object File) {
    Write-Information -MessageData "===== $($result.File)" -InformationAction Continue
    Write-Information -MessageData $result.Output -InformationAction Continue
    if ($result.TimedOut) { Write-Information -MessageData "===== $($result.File) did not finish within $FileTimeout s and was stopped." -InformationAction Continue }
}
$results | Sort-Object File | Format-Table File, Passed, Failed, NotRun, TimedOut -AutoSize | Out-Host
$failed = ($results | Measure-Object -Property Failed -Sum).Sum
Write-Information -MessageData "Pester: $(($results | Measure-Object -Property Passed -Sum).Sum) passed, $failed failed, $(($results | Measure-Object -Property NotRun -Sum).Sum) not run in $($results.Count) files." -InformationAction Continue
# A file stopped at the time limit is told again last, where a log's tail shows it: where its output stopped and
# which of its processes were still running.
foreach ($result in $results | Where-Object TimedOut) {
    Write-Information -MessageData "===== $($result.File) was stopped after $FileTimeout s. Its last output:" -InformationAction Continue
    Write-Information -MessageData (@($result.Output -split '\r?\n' | Select-Object -Last 30) -join [Environment]::NewLine) -InformationAction Continue
    Write-Information -MessageData "Its processes then (id, CPU time, name: command line):" -InformationAction Continue
    Write-Information -MessageData ($result.Stuck -join [Environment]::NewLine) -InformationAction Continue
}
exit $failed
