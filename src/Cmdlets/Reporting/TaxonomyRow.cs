using System;
using System.Collections.Generic;
using System.Linq;
using LocalModels.Classification;

namespace LocalModels.Reporting;

/// <summary>One failure mode the runs ended in: how often, which models, and one run's evidence quoted.</summary>
internal sealed record TaxonomyRow(FailureMode Mode, int Count, IReadOnlyList<string> Models, ModelRun Example, string Cause)
{
    public static IReadOnlyList<TaxonomyRow> Of(IEnumerable<ModelRun> runs) =>
        runs.Where(r => r.FailureMode != FailureMode.None)
            .GroupBy(r => r.FailureMode)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => new TaxonomyRow(
                g.Key,
                g.Count(),
                g.Select(r => r.Model).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
                // The quote is the run with the most to say, so a reader sees the mode's evidence, not an empty cell.
                g.OrderByDescending(r => r.Evidence.Length > 0).ThenBy(r => r.StartTime).First(),
                FailureModeCatalog.Get(g.Key).TypicalCause))
            .ToList();
}
