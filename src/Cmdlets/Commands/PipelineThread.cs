using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace LocalModels.Commands;

/// <summary>
/// Runs async core work off the pipeline thread while handing what it reports (progress lines) back to the
/// pipeline thread, the only one allowed to call Write*. Same idea as PSResourceGet's queue drained by the cmdlet.
/// </summary>
internal static class PipelineThread
{
    public static void Run<TItem>(Func<Action<TItem>, Task> work, Action<TItem> onPipelineThread)
    {
        using var queue = new BlockingCollection<TItem>();
        var task = Task.Run(() => work(item => queue.Add(item)));
        task.ContinueWith(_ => queue.CompleteAdding(), TaskScheduler.Default);
        foreach (var item in queue.GetConsumingEnumerable()) onPipelineThread(item);
        task.GetAwaiter().GetResult();
    }
}
