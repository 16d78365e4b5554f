using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LocalModels.Measurement;
using Xunit;

namespace LocalModels.Tests.Runner;

/// <summary>How a sweep's planned runs are handed to the hosts of a pool (no runs, no servers: the scheduler alone).</summary>
public sealed class SweepSchedulerTests
{
    private const string A = "http://a:11434";
    private const string B = "http://b:11434";
    private const string C = "http://c:11434";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static SweepJob Job(string model, int repetition, params string[] hosts) => new(model, 65536, repetition, model, hosts);

    private static SweepJob? TakeNow(SweepScheduler scheduler, string host)
    {
        using var limit = new CancellationTokenSource(Bound);
        return scheduler.Take(host, limit.Token);
    }

    [Fact]
    public void A_host_keeps_the_model_it_loaded_and_another_host_takes_a_model_nobody_is_on()
    {
        var scheduler = new SweepScheduler(new[] { A, B }, TimeSpan.FromMinutes(1));
        foreach (var model in new[] { "m1", "m2" })
            for (var repetition = 1; repetition <= 3; repetition++) scheduler.Add(Job(model, repetition, A, B));

        Assert.Equal(("m1", 1), Key(TakeNow(scheduler, A)));
        Assert.Equal(("m2", 1), Key(TakeNow(scheduler, B)));
        scheduler.Done(A);
        scheduler.Done(B);
        // Each stays on its own model although the other's runs were planned first.
        Assert.Equal(("m2", 2), Key(TakeNow(scheduler, B)));
        Assert.Equal(("m1", 2), Key(TakeNow(scheduler, A)));
        Assert.Equal(("m1", 3), Key(TakeNow(scheduler, A)));
        Assert.Equal(("m2", 3), Key(TakeNow(scheduler, B)));
    }

    [Fact]
    public void A_run_goes_only_to_a_host_that_has_its_model()
    {
        var scheduler = new SweepScheduler(new[] { A, B }, TimeSpan.Zero);
        scheduler.Add(Job("only-on-b", 1, B));
        scheduler.Add(Job("only-on-b", 2, B));
        scheduler.CompleteAdding();

        // A has nothing it can run: it ends (nothing is running elsewhere that could come back to it).
        Assert.Null(TakeNow(scheduler, A));
        Assert.Equal(("only-on-b", 1), Key(TakeNow(scheduler, B)));
        scheduler.Done(B);
        Assert.Equal(("only-on-b", 2), Key(TakeNow(scheduler, B)));
        scheduler.Done(B);
        Assert.Null(TakeNow(scheduler, B));
    }

    [Fact]
    public async Task An_idle_host_takes_over_another_hosts_model_only_once_no_model_of_its_own_is_likely_to_come()
    {
        var scheduler = new SweepScheduler(new[] { A, B, C }, TimeSpan.FromMilliseconds(600));
        scheduler.Add(Job("m1", 1, A, B, C));
        // The grace period runs from the last planned run's arrival, so the clock starts just before it.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        scheduler.Add(Job("m1", 2, A, B, C));
        Assert.Equal(("m1", 1), Key(TakeNow(scheduler, A)));

        // B waits out the grace period, then helps with m1 rather than sit idle.
        var stolen = TakeNow(scheduler, B);
        Assert.Equal(("m1", 2), Key(stolen));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(600), $"took over {clock.Elapsed} after the last run arrived");

    }

    [Fact]
    public async Task A_model_of_its_own_that_arrives_within_the_grace_period_is_preferred_to_taking_over()
    {
        // A grace period far longer than any test run: however late a loaded machine runs this test's steps, the
        // second model arrives within it, so only a scheduler that takes over too early gives C the first model.
        var scheduler = new SweepScheduler(new[] { A, B, C }, TimeSpan.FromMinutes(10));
        scheduler.Add(Job("m1", 1, A, B, C));
        scheduler.Add(Job("m1", 2, A, B, C));
        Assert.Equal(("m1", 1), Key(TakeNow(scheduler, A)));
        var waiting = Task.Run(() => TakeNow(scheduler, C));
        await Task.Delay(50);
        scheduler.Add(Job("m2", 1, A, B, C));
        Assert.Equal(("m2", 1), Key(await waiting.WaitAsync(Bound)));
    }

    // A context sweep's aliases (created FROM one base model) share that base's weights: one group.
    private static SweepJob Alias(string model, int repetition, string baseModel, params string[] hosts) => new(model, 65536, repetition, baseModel, hosts);

    [Fact]
    public void Aliases_of_one_base_model_stay_on_one_host_while_the_other_host_takes_an_unrelated_model()
    {
        var scheduler = new SweepScheduler(new[] { A, B }, TimeSpan.FromMinutes(1));
        scheduler.Add(Alias("devstral-32k", 1, "devstral", A, B));
        scheduler.Add(Alias("devstral-64k", 1, "devstral", A, B));
        scheduler.Add(Job("qwen3", 1, A, B));

        Assert.Equal(("devstral-32k", 1), Key(TakeNow(scheduler, A)));
        // devstral-64k was planned first, but it is the base A has loaded: B takes the unrelated model.
        Assert.Equal(("qwen3", 1), Key(TakeNow(scheduler, B)));
        scheduler.Done(A);
        Assert.Equal(("devstral-64k", 1), Key(TakeNow(scheduler, A)));
        Assert.Empty(scheduler.Pending);
    }

    [Fact]
    public void A_host_that_would_sit_idle_takes_an_alias_of_the_base_another_host_is_on_once_no_run_of_its_own_is_likely()
    {
        var scheduler = new SweepScheduler(new[] { A, B }, TimeSpan.FromMinutes(1));
        scheduler.Add(Alias("devstral-32k", 1, "devstral", A, B));
        scheduler.Add(Alias("devstral-64k", 1, "devstral", A, B));
        scheduler.Add(Alias("devstral-128k", 1, "devstral", A, B));
        Assert.Equal(("devstral-32k", 1), Key(TakeNow(scheduler, A)));

        // While runs may still be planned, B waits for a model of its own rather than load A's base a second time.
        using (var shortly = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
            Assert.Null(scheduler.Take(B, shortly.Token));
        Assert.Equal(2, scheduler.Pending.Count);

        // Nothing more will come: idle otherwise, B helps with the aliases, and A stays on them too.
        scheduler.CompleteAdding();
        Assert.Equal(("devstral-64k", 1), Key(TakeNow(scheduler, B)));
        scheduler.Done(A);
        Assert.Equal(("devstral-128k", 1), Key(TakeNow(scheduler, A)));
    }

    [Fact]
    public void A_host_that_goes_down_gives_its_interrupted_run_back_and_runs_nobody_else_has_are_returned()
    {
        var scheduler = new SweepScheduler(new[] { A, B, C }, TimeSpan.Zero);
        var shared = Job("shared", 1, A, B);
        scheduler.Add(shared);
        scheduler.Add(Job("only-on-a", 1, A));
        scheduler.Add(Job("on-a-and-c", 1, A, C));
        var interrupted = TakeNow(scheduler, A);
        Assert.Equal(shared, interrupted);

        var orphaned = scheduler.MarkUnavailable(A, interrupted);

        Assert.Equal(new[] { ("only-on-a", 1) }, orphaned.Select(Key));
        Assert.False(scheduler.IsAvailable(A));
        Assert.Equal(new[] { B, C }, scheduler.Available);
        Assert.Null(TakeNow(scheduler, A));
        // The interrupted run is first in line for a host that has its model.
        Assert.Equal(("shared", 1), Key(TakeNow(scheduler, B)));
        Assert.Equal(("on-a-and-c", 1), Key(TakeNow(scheduler, C)));
    }

    [Fact]
    public void Two_runs_lost_on_one_host_both_go_back_and_the_host_is_lost_once()
    {
        var scheduler = new SweepScheduler(new[] { A, B }, TimeSpan.Zero);
        scheduler.Add(Job("m", 1, A, B));
        scheduler.Add(Job("m", 2, A, B));
        var first = TakeNow(scheduler, A);
        var second = TakeNow(scheduler, A);

        Assert.Empty(scheduler.MarkUnavailable(A, first, out var firstReport));
        Assert.Empty(scheduler.MarkUnavailable(A, second, out var secondReport));

        Assert.True(firstReport);
        Assert.False(secondReport);
        Assert.Equal(new[] { 1, 2 }, new[] { TakeNow(scheduler, B), TakeNow(scheduler, B) }.Select(job => job!.Repetition).Order());
    }

    [Fact]
    public async Task A_waiting_host_is_released_by_cancellation_and_by_the_end_of_the_sweep()
    {
        var scheduler = new SweepScheduler(new[] { A, B }, TimeSpan.Zero);
        using var cancel = new CancellationTokenSource();
        var waiting = Task.Run(() => scheduler.Take(A, cancel.Token));
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        await cancel.CancelAsync();
        Assert.Null(await waiting.WaitAsync(Bound));

        var second = Task.Run(() => TakeNow(scheduler, B));
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        scheduler.CompleteAdding();
        Assert.Null(await second.WaitAsync(Bound));
    }

    private static (string, int) Key(SweepJob? job)
    {
        Assert.NotNull(job);
        return (job!.Model, job.Repetition);
    }
}
