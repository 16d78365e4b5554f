using System.Collections.Generic;

namespace LocalModels.Reporting;

/// <summary>One chart as data: the page's script turns it into a Chart.js chart (JSON, so nothing in it can run).</summary>
internal sealed class ChartSpec
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>Chart.js chart type: "bar" or "line".</summary>
    public string Type { get; set; } = "bar";
    public IReadOnlyList<string> Labels { get; set; } = new List<string>();
    public IReadOnlyList<ChartSeries> Datasets { get; set; } = new List<ChartSeries>();
    public bool Stacked { get; set; }
    public string XTitle { get; set; } = "";
    public string YTitle { get; set; } = "";
    /// <summary>A second y axis on the right, for series whose YAxisId is "y2"; empty for none.</summary>
    public string Y2Title { get; set; } = "";
}

/// <summary>One data series of a chart; null values are gaps (a model with no reading).</summary>
internal sealed class ChartSeries
{
    public string Label { get; set; } = "";
    public IReadOnlyList<double?> Data { get; set; } = new List<double?>();
    /// <summary>Overrides the chart's type for this series (a line over bars); null for the chart's own.</summary>
    public string? Type { get; set; }
    public string YAxisId { get; set; } = "y";
    /// <summary>A fixed colour for series whose meaning has one (green for success); null takes the palette's next.</summary>
    public string? Color { get; set; }
}
