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
}
