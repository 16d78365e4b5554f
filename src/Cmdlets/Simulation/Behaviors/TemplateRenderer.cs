using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LocalModels.Simulation.Behaviors;

/// <summary>
/// Fills {{placeholders}} in a behaviour's text and tool inputs from what the model learned (RepositoryFacts):
/// cwd, project.name, project.summary, commands, layout, files, docs.read, file_count, and item inside a forEach.
/// Unknown placeholders are left as they are, so a typo shows up in the output instead of vanishing.
/// </summary>
public static class TemplateRenderer
{
    private static readonly Regex Placeholder = new(@"\{\{\s*(?<name>[A-Za-z0-9_.]+)\s*\}\}", RegexOptions.CultureInvariant);

    public static string Render(string template, RepositoryFacts facts, string? item = null) =>
        Placeholder.Replace(template, match => Value(match.Groups["name"].Value, facts, item) ?? match.Value);

    /// <summary>Renders every string in a JSON tree (a tool input), keeping its shape.</summary>
    public static JsonObject Render(JsonObject template, RepositoryFacts facts, string? item = null) =>
        (JsonObject)RenderNode(template, facts, item)!;

    private static JsonNode? RenderNode(JsonNode? node, RepositoryFacts facts, string? item) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, RenderNode(p.Value, facts, item)))),
        JsonArray array => new JsonArray(array.Select(v => RenderNode(v, facts, item)).ToArray()),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(Render(text, facts, item)),
        _ => node?.DeepClone(),
    };

    private static string? Value(string name, RepositoryFacts facts, string? item) => name switch
    {
        "cwd" => facts.WorkingDirectory.Length > 0 ? facts.WorkingDirectory : ".",
        "item" => item,
        "project.name" => facts.ProjectName.Length > 0 ? facts.ProjectName : "this project",
        "project.summary" => facts.Summary.Length > 0 ? facts.Summary : "No description was found in the files read.",
        "commands" => Commands(facts),
        "layout" => Layout(facts),
        "files" => Bullets(facts.Files.Take(40).Select(f => $"`{f}`")),
        "docs.read" => string.Join(", ", facts.ReadFiles.Keys.Select(f => $"`{f}`")),
        "file_count" => facts.Files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string Commands(RepositoryFacts facts) => facts.Commands.Count == 0
        ? "- No build, test or lint commands were found in the files read."
        : Bullets(facts.Commands.Select(c => c.Detail.Length > 0 ? $"`{c.Command}`: runs `{c.Detail}`" : $"`{c.Command}`"));

    /// <summary>Top-level files, then each directory with the files seen in it.</summary>
    private static string Layout(RepositoryFacts facts)
    {
        if (facts.Files.Count == 0) return "- No files were listed.";
        var lines = new List<string>();
        foreach (var file in facts.Files.Where(f => !f.Contains('/')).Take(15)) lines.Add($"`{file}`");
        foreach (var group in facts.Files.Where(f => f.Contains('/')).GroupBy(f => f.Substring(0, f.LastIndexOf('/'))).Take(15))
        {
            var names = group.Select(f => $"`{f.Substring(f.LastIndexOf('/') + 1)}`").Take(8).ToList();
            var more = group.Count() > names.Count ? $" and {group.Count() - names.Count} more" : "";
            lines.Add($"`{group.Key}/`: {string.Join(", ", names)}{more}");
        }
        return Bullets(lines);
    }

    private static string Bullets(IEnumerable<string> items)
    {
        var builder = new StringBuilder();
        foreach (var item in items)
        {
            if (builder.Length > 0) builder.Append('\n');
            builder.Append("- ").Append(item);
        }
        return builder.ToString();
    }
}
