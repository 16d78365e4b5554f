using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using LocalModels.Claude;
using LocalModels.Tests.Hostile;
using Xunit;

namespace LocalModels.Tests.Runner;

/// <summary>The ps/pgrep reader the macOS process sweep uses: bounded whatever the tool does.</summary>
public sealed class ProcessOutputTests
{
    [Fact]
    public void Reads_what_the_tool_printed()
    {
        Assert.Equal("one\ntwo\n", ProcessOutput.Read("/bin/sh", "-c \"printf 'one\\ntwo\\n'\"", TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_tool_that_fills_its_error_pipe_still_gives_its_output()
    {
        // 256 KB on stderr is four times a Linux pipe's buffer: unread, the tool would block before its output ends.
        var read = await TimeBound.Within(TimeSpan.FromSeconds(60), "Reading a tool that fills its error pipe",
            () => ProcessOutput.Read("/bin/sh", "-c \"head -c 262144 /dev/zero >&2; echo done\"", TimeSpan.FromSeconds(30)));
        Assert.Equal("done\n", read);
    }

    [Fact]
    public async Task A_tool_that_does_not_finish_is_killed_and_gives_nothing()
    {
        var marker = HostileBehaviors.UniqueSleep(60);
        try
        {
            var clock = Stopwatch.StartNew();
            var read = await TimeBound.Within(TimeSpan.FromSeconds(30), "Reading a tool that does not finish",
                () => ProcessOutput.Read("/bin/sh", "-c \"echo partial; exec sleep " + marker + "\"", TimeSpan.FromSeconds(1)));
            Assert.Null(read);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), clock.Elapsed.TotalSeconds.ToString(CultureInfo.InvariantCulture));
            Assert.True(HostileBehaviors.Within(TimeSpan.FromSeconds(5), () => HostileBehaviors.ProcessesRunning("sleep " + marker).Count == 0), "the tool was left running");
        }
        finally
        {
            HostileBehaviors.KillAll(HostileBehaviors.ProcessesRunning("sleep " + marker));
        }
    }
}
