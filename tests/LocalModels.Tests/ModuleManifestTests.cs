using System.Linq;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests;

/// <summary>Walks every exported cmdlet at once, as platyPS's Cmdlet.Tests.ps1 does.</summary>
public sealed class ModuleManifestTests
{
    [Fact]
    public void The_built_module_exports_exactly_the_cmdlets_its_manifest_declares()
    {
        using var session = new PowerShellSession();
        var exported = session.RunOk("(Get-Module LocalModels).ExportedCmdlets.Keys").Select(o => o.ToString()).Order().ToList();
        var declared = session.RunOk("[scriptblock]::Create([IO.File]::ReadAllText($args[0])).InvokeReturnAsIs().CmdletsToExport", RepositoryPaths.ModuleManifest)
            .Select(o => o.ToString()).Order().ToList();
        Assert.NotEmpty(declared);
        Assert.Equal(declared, exported);
    }

    [Fact]
    public void The_built_manifest_has_the_build_version_and_lists_every_file_of_the_module()
    {
        using var session = new PowerShellSession();
        var manifest = (System.Collections.Hashtable)session.RunOk("[scriptblock]::Create([IO.File]::ReadAllText($args[0])).InvokeReturnAsIs()", RepositoryPaths.ModuleManifest).Single().BaseObject;
        var version = manifest["ModuleVersion"]?.ToString();
        // The build gives the assembly the same <ModuleVersion> (Directory.Build.props) it writes into the manifest.
        var assemblyVersion = typeof(LocalModels.Commands.MeasureModelRunCommand).Assembly.GetName().Version!;
        Assert.Equal($"{assemblyVersion.Major}.{assemblyVersion.Minor}.{assemblyVersion.Build}", version);

        var folder = System.IO.Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!;
        var onDisk = System.IO.Directory.EnumerateFiles(folder, "*", System.IO.SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(System.StringComparer.Ordinal).ToList();
        var listed = ((object[])manifest["FileList"]!).Select(o => o.ToString()!).Order(System.StringComparer.Ordinal).ToList();
        Assert.Equal(onDisk, listed);
    }
}

/// <summary>Conventions every exported cmdlet keeps, checked through the engine's own view of the module.</summary>
public sealed class CmdletConventionTests : System.IDisposable
{
    private readonly PowerShellSession _session = new();

    public void Dispose() => _session.Dispose();

    public static System.Collections.Generic.IEnumerable<object[]> Cmdlets()
    {
        using var session = new PowerShellSession();
        return session.RunOk("(Get-Module LocalModels).ExportedCmdlets.Keys").Select(o => o.ToString()).Order().Select(n => new object[] { n! }).ToList();
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Cmdlet_declares_its_output_type(string name)
    {
        var types = _session.RunOk("(Get-Command $args[0]).OutputType.Name", name);
        Assert.NotEmpty(types);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Cmdlet_has_help_with_synopsis_description_examples_and_every_parameter_described(string name)
    {
        var synopsis = _session.RunOk("(Get-Help $args[0]).Synopsis", name).Single().ToString().Trim();
        Assert.False(synopsis.StartsWith(name, System.StringComparison.OrdinalIgnoreCase), $"{name} has no synopsis (Get-Help shows the syntax)");
        Assert.NotEmpty(_session.RunOk("(Get-Help $args[0]).description.Text", name));
        Assert.NotEmpty(_session.RunOk("(Get-Help $args[0] -Examples).examples.example", name));
        var undocumented = _session.RunOk(
            "$help = Get-Help $args[0] -Full; $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters; " +
            "(Get-Command $args[0]).Parameters.Keys | Where-Object { $_ -notin $common } | Where-Object { $p = $_; -not ($help.parameters.parameter | Where-Object { $_.name -eq $p -and $_.description.Text }) }", name)
            .Select(o => o.ToString()).ToList();
        Assert.True(undocumented.Count == 0, $"{name}: parameters without help: {string.Join(", ", undocumented)}");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Cmdlets_that_change_something_support_WhatIf(string name)
    {
        var verb = name.Split('-')[0];
        if (verb is not ("New" or "Set" or "Remove" or "Install")) return;
        // Like New-TimeSpan, it only builds an object in this session (the servers are only asked): nothing to confirm.
        if (name == "New-OllamaHostPool") return;
        var supports = _session.RunOk("(Get-Command $args[0]).Parameters.ContainsKey('WhatIf')", name).Single();
        Assert.True((bool)supports.BaseObject, $"{name} changes state but has no -WhatIf");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void A_Path_parameter_has_a_LiteralPath_partner(string name)
    {
        var parameters = _session.RunOk("(Get-Command $args[0]).Parameters.Keys", name).Select(o => o.ToString()).ToList();
        if (!parameters.Contains("Path")) return;
        Assert.Contains("LiteralPath", parameters);
    }
}

public sealed class AboutTopicTests
{
    [Theory]
    [InlineData("about_LocalModels", "Measure-ModelRun")]
    [InlineData("about_LocalModels_FailureModes", "Group-Object FailureMode")]
    public void About_topic_is_found_by_Get_Help(string topic, string mentions)
    {
        using var session = new PowerShellSession();
        var text = string.Join("\n", session.RunOk("Get-Help $args[0]", topic).Select(o => o.BaseObject is string s ? s : o.Properties["Text"]?.Value?.ToString() ?? o.ToString()));
        Assert.Contains(mentions, text);
    }
}
