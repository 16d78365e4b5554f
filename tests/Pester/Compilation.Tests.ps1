#Requires -Version 7.4
# The built module ships its assemblies compiled ahead of time (ReadyToRun, tools/LocalModels.ReadyToRun) for the .NET
# of pwsh 7.6, and this pwsh uses that code: in a fresh pwsh, importing the field report's traces compiles almost none
# of the module's methods unoptimized. With the IL build (or native code the runtime refuses, such as code compiled for
# another .NET), every method the import calls is compiled at tier 0 first: hundreds.

BeforeAll {
    . $PSScriptRoot/Common.ps1
}

Describe 'The module compiled ahead of time' {
    BeforeAll {
        $moduleFolder = Split-Path -Parent $script:ModuleManifest
        $script:Script = Join-Path $TestDrive 'jit.ps1'
        # Counts, by tier, the module's methods the JIT compiles from the module's import to the end of an import of
        # traces (runtime events, keyword JIT 0x10; MethodFlags bits 7 to 9 hold the tier).
        Set-Content -LiteralPath $script:Script -Value @'
param([string] $Module, [string] $Traces)
$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition @"
using System; using System.Collections.Concurrent; using System.Diagnostics.Tracing;
public sealed class ModuleJitCounter : EventListener {
    public readonly ConcurrentDictionary<long, int> ByTier = new ConcurrentDictionary<long, int>();
    protected override void OnEventSourceCreated(EventSource source) {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10);
    }
    protected override void OnEventWritten(EventWrittenEventArgs e) {
        if (e.EventName == null || !e.EventName.StartsWith("MethodLoadVerbose")) return;
        var ns = e.Payload[e.PayloadNames.IndexOf("MethodNamespace")] as string ?? "";
        if (!ns.StartsWith("LocalModels", StringComparison.Ordinal)) return;
        var tier = (Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("MethodFlags")]) >> 7) & 7;
        ByTier.AddOrUpdate(tier, 1, (_, n) => n + 1);
    }
    public int Count(params long[] tiers) { var total = 0; foreach (var tier in tiers) total += ByTier.TryGetValue(tier, out var n) ? n : 0; return total; }
}
"@
$counter = [ModuleJitCounter]::new()
Import-Module $Module
$runs = @(Import-ModelRun -Path $Traces)
Start-Sleep -Milliseconds 500
[pscustomobject]@{
    Runs        = $runs.Count
    Modes       = @($runs.FailureMode | Sort-Object -Unique | ForEach-Object { [string]$_ })
    # 1: MinOptJitted, 3: QuickJitted (tier 0), 6: tier 0 instrumented; 2: Optimized (the warm-up's marked methods).
    Unoptimized = $counter.Count(1, 3, 6)
    Optimized   = $counter.Count(2)
} | ConvertTo-Json -Compress
'@
        $traces = Join-Path $script:RepositoryRoot 'tests/LocalModels.Tests/Samples/reconstructed/*.jsonl'
        # Bounded: a hung pwsh is killed with its children and fails the test.
        $child = Invoke-ChildPwsh -Script $script:Script -ArgumentList $moduleFolder, $traces -TimeoutSeconds 120
        $script:ExitCode = $child.ExitCode
        $script:Errors = $child.Errors
        $script:Result = $child.Output | ConvertFrom-Json
    }

    It 'imports the traces in a fresh pwsh' {
        $script:Errors | Should -BeNullOrEmpty
        $script:ExitCode | Should -Be 0
        $script:Result.Runs | Should -BeGreaterThan 10
        $script:Result.Modes | Should -Contain 'NarratedTools'
    }

    It 'carries native code in LocalModels.dll' {
        $stream = [System.IO.File]::OpenRead((Join-Path (Split-Path -Parent $script:ModuleManifest) 'LocalModels.dll'))
        try {
            $headers = [System.Reflection.PortableExecutable.PEReader]::new($stream).PEHeaders
            # The ReadyToRun header sits in the CLI header's managed native header directory.
            $headers.CorHeader.ManagedNativeHeaderDirectory.Size | Should -BeGreaterThan 0
        }
        finally { $stream.Dispose() }
    }

    It 'compiles few of the module''s methods in pwsh, and only the marked ones optimized' {
        # Generic methods over the module's types and a few stubs are still compiled at run time.
        $script:Result.Unoptimized | Should -BeLessThan 40
        $script:Result.Optimized | Should -BeGreaterThan 0
    }
}
