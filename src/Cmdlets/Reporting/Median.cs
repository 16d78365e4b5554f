using System;
using System.Collections.Generic;
using System.Linq;

namespace LocalModels.Reporting;

/// <summary>Medians of repeated runs: the field report's "typical" run, robust to one slow outlier.</summary>
internal static class Median
{
    public static double? Of(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return null;
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static TimeSpan Of(IEnumerable<TimeSpan> values) =>
        TimeSpan.FromTicks((long)(Of(values.Select(v => (double)v.Ticks)) ?? 0));

    /// <summary>The lower median, for values that cannot be averaged (grades).</summary>
    public static T? Lower<T>(IEnumerable<T> values) where T : struct
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? null : sorted[(sorted.Length - 1) / 2];
    }
}
