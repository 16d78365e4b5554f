using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using LocalModels.Claude;
using LocalModels.Tests.Hostile;
using Xunit;

namespace LocalModels.Tests.Runner;

/// <summary>
/// Reading a headless run's output with a stand-in for claude (sh): everything it wrote is read, even when the reader
/// is far behind, and nothing that holds its pipe after it ends keeps the reading going.
/// </summary>
public sealed class HeadlessClaudeProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("localmodels-headless-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Every_line_written_before_the_end_is_read_even_when_the_reader_falls_behind_and_the_pipe_stays_open()
    {
        var holder = HostileBehaviors.UniqueSleep(60);
        // 300 lines at once, then a detached sleep keeps stdout open after sh has ended.
        var script = $"i=0; while [ $i -lt 300 ]; do echo \"line $i\"; i=$((i+1)); done; setsid sleep {holder} </dev/null 2>/dev/null & exit 0";
        var environment = ClaudeEnvironment.ForLocalModel(new Uri("http://127.0.0.1:9"), "sim/none", null);
        try
        {
            using var process = HeadlessClaudeProcess.Start("/bin/sh", new[] { "-c", script }, _folder, environment, Path.Combine(_folder, "trace.jsonl"));
            var lines = new List<string>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // 30 ms a line puts the reader 9 s behind: past the 5 s it waits for more once sh has ended.
            process.Pump((line, _) =>
            {
                lines.Add(line);
                Thread.Sleep(30);
            }, () => clock.Elapsed > TimeSpan.FromSeconds(60));

            Assert.Equal(Enumerable.Range(0, 300).Select(i => "line " + i), lines);
            Assert.False(process.WasKilled);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(40), $"reading took {clock.Elapsed.TotalSeconds:0} s");
        }
        finally
        {
            HostileBehaviors.KillAll(HostileBehaviors.ProcessesRunning("sleep " + holder));
        }
    }
}
