using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using LocalModels.Claude;
using Xunit;

namespace LocalModels.Tests.Runner;

public sealed class ProcessTreeTests
{
    [Fact]
    public void Killing_a_process_kills_its_children_and_grandchildren()
    {
        if (OperatingSystem.IsWindows()) return;
        // sh -> (sh -> sleep) and sleep: a grandchild, as claude -> bash -> tool command.
        using var root = Process.Start(new ProcessStartInfo("sh", "-c \"sh -c 'sleep 300' & sleep 300 & wait\"") { UseShellExecute = false })!;
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var tree = ProcessTree.Descendants(root.Id);
        while (tree.Count < 3 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
            tree = ProcessTree.Descendants(root.Id);
        }
        Assert.True(tree.Count >= 3, $"expected a child shell, its sleep and a sleep; saw {tree.Count}");

        var killed = ProcessTree.Kill(root);

        Assert.Contains(root.Id, killed);
        root.WaitForExit(5000);
        deadline = DateTime.UtcNow.AddSeconds(5);
        while (tree.Any(ProcessTree.IsAlive) && DateTime.UtcNow < deadline) Thread.Sleep(50);
        Assert.DoesNotContain(tree, ProcessTree.IsAlive);
    }
}
