using System;
using System.Globalization;

namespace LocalModels.Reporting;

/// <summary>How the report writes times, sizes and shares: short, in the field report's units.</summary>
internal static class ReportText
{
    public const string Missing = "-";

    public static string Duration(TimeSpan duration)
    {
        if (duration.TotalSeconds < 60) return duration.TotalSeconds.ToString(duration.TotalSeconds < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " s";
        if (duration.TotalMinutes < 10) return duration.TotalMinutes.ToString("0.0", CultureInfo.InvariantCulture) + " min";
        if (duration.TotalHours < 1) return duration.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min";
        return string.Format(CultureInfo.InvariantCulture, "{0} h {1:00} min", (int)duration.TotalHours, duration.Minutes);
    }

    /// <summary>"17 min", or "17 min (12 min – 21 min)" when repeated runs differ.</summary>
    public static string DurationRange(TimeSpan median, TimeSpan min, TimeSpan max, int runs) =>
        runs > 1 && min != max ? $"{Duration(median)} ({Duration(min)} – {Duration(max)})" : Duration(median);

    public static string Bytes(long? bytes)
    {
        if (bytes is not { } value) return Missing;
        const double Gb = 1024d * 1024 * 1024;
        const double Mb = 1024d * 1024;
        return value >= Gb
            ? (value / Gb).ToString("0.0", CultureInfo.InvariantCulture) + " GB"
            : (value / Mb).ToString("0", CultureInfo.InvariantCulture) + " MB";
    }

    public static string Percent(double? share) =>
        share is { } value ? (value * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : Missing;

    public static string Number(double? value, string format = "0.0") =>
        value is { } number ? number.ToString(format, CultureInfo.InvariantCulture) : Missing;

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"64K" for 65536, as the field report names contexts.</summary>
    public static string Context(int? tokens) =>
        tokens is not { } value ? Missing
        : value % 1024 == 0 ? (value / 1024).ToString(CultureInfo.InvariantCulture) + "K"
        : value.ToString(CultureInfo.InvariantCulture);
}
