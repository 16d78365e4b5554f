using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using LocalModels.Traces;

namespace LocalModels.Classification;

/// <summary>
/// Reads Claude Code's tool-error texts (exact wording of 2.1.328, reference section 6): which tool was refused as
/// unknown, which parameters a validation error names, which subagent type was not found.
/// </summary>
internal static partial class ToolErrorText
{
    private static readonly Regex NoSuchTool = NoSuchToolRegex();
    private static readonly Regex ValidationHeader = ValidationHeaderRegex();
    private static readonly Regex Missing = MissingRegex();
    private static readonly Regex Unexpected = UnexpectedRegex();
    private static readonly Regex ZodPath = ZodPathRegex();
    private static readonly Regex AgentTypeNotFound = AgentTypeNotFoundRegex();

    [GeneratedRegex(NoSuchToolSentence + @"\s*([^\s.<]+)", RegexOptions.CultureInvariant)]
    private static partial Regex NoSuchToolRegex();

    [GeneratedRegex(@"InputValidationError:\s*(?:(\S+) failed due to)?", RegexOptions.CultureInvariant)]
    private static partial Regex ValidationHeaderRegex();

    [GeneratedRegex(@"The required parameter `([^`]+)` is missing", RegexOptions.CultureInvariant)]
    private static partial Regex MissingRegex();

    [GeneratedRegex(@"An unexpected parameter `([^`]+)` was provided", RegexOptions.CultureInvariant)]
    private static partial Regex UnexpectedRegex();

    [GeneratedRegex(@"""path""\s*:\s*\[\s*""([^""]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex ZodPathRegex();

    [GeneratedRegex(@"Agent type '([^']+)' not found", RegexOptions.CultureInvariant)]
    private static partial Regex AgentTypeNotFoundRegex();

    /// <summary>The tool named by "No such tool available: X", or null.</summary>
    /// <remarks>Asked of every tool result of every run: an ordinal search rules out the texts without the sentence (all
    /// but a few) before the regex, which only reads the name after it.</remarks>
    public static string? UnknownTool(string text) =>
        text.Contains(NoSuchToolSentence, System.StringComparison.Ordinal) && NoSuchTool.Match(text) is { Success: true } m ? m.Groups[1].Value : null;

    private const string NoSuchToolSentence = ToolNames.UnknownToolSentence;

    /// <summary>
    /// True when Claude Code knows the tool but switched it off for the session ("Glob is not available in this
    /// session", "TodoWrite is disabled for this session"): a model trained on another version, not an invented tool.
    /// </summary>
    public static bool IsDisabledTool(string text) =>
        text.Contains("is not available in this session") || text.Contains("is disabled for this session");

    public static bool IsValidationError(string text) => text.Contains("InputValidationError");

    /// <summary>
    /// True when the person at the terminal turned the call down ("The user doesn't want to proceed with this tool
    /// use..."): what followed was their choice, not the model's failure or refusal.
    /// </summary>
    public static bool IsUserRejection(string text) => text.Contains("doesn't want to proceed with this tool use", System.StringComparison.Ordinal);

    /// <summary>The parameter problems a validation error lists, as short phrases ("required parameter prompt missing").</summary>
    public static IReadOnlyList<string> ValidationIssues(string text) => Issues(Problems(text));

    /// <summary>The parameter names a validation error blames (missing, unexpected or invalid).</summary>
    public static IReadOnlyList<string> ValidationParameters(string text) => Parameters(Problems(text));

    /// <summary>All a validation error says, read once: <see cref="ValidationTool"/>, <see cref="ValidationIssues"/> and <see cref="ValidationParameters"/>.</summary>
    public static ValidationError ReadValidationError(string text)
    {
        var problems = Problems(text);
        return new ValidationError(ValidationTool(text), Issues(problems), Parameters(problems));
    }

    private static IReadOnlyList<string> Issues(IReadOnlyList<Problem> problems)
    {
        var issues = problems.Select(p => p.Kind switch
        {
            ParameterProblem.Missing => $"required parameter {p.Name} missing",
            ParameterProblem.Unexpected => $"unexpected parameter {p.Name}",
            _ => $"invalid parameter {p.Name}",
        }).Distinct().ToList();
        if (issues.Count == 0) issues.Add("invalid input");
        return issues;
    }

    private static IReadOnlyList<string> Parameters(IReadOnlyList<Problem> problems) =>
        problems.Select(p => p.Name).Distinct().ToList();

    private enum ParameterProblem { Missing, Unexpected, Invalid }

    /// <summary>A class, not a tuple: lists and LINQ over a struct are generic code compiled afresh in every process.</summary>
    private sealed record Problem(ParameterProblem Kind, string Name);

    /// <summary>Claude Code's own sentences first; the raw zod paths only when it wrote none.</summary>
    private static IReadOnlyList<Problem> Problems(string text)
    {
        var problems = new List<Problem>();
        foreach (Match m in Missing.Matches(text)) problems.Add(new Problem(ParameterProblem.Missing, m.Groups[1].Value));
        foreach (Match m in Unexpected.Matches(text)) problems.Add(new Problem(ParameterProblem.Unexpected, m.Groups[1].Value));
        if (problems.Count == 0)
            foreach (Match m in ZodPath.Matches(text)) problems.Add(new Problem(ParameterProblem.Invalid, m.Groups[1].Value));
        return problems;
    }

    /// <summary>The tool a validation error names ("Agent failed due to ..."), or null for the raw zod form.</summary>
    public static string? ValidationTool(string text) =>
        ValidationHeader.Match(text) is { Success: true } m && m.Groups[1].Success ? m.Groups[1].Value : null;

    /// <summary>The subagent type from "Agent type 'X' not found", or null.</summary>
    public static string? MissingAgentType(string text) => AgentTypeNotFound.Match(text) is { Success: true } m ? m.Groups[1].Value : null;

    public static bool IsAsyncLaunch(string text) => text.Contains("Async agent launched");
}

/// <summary>A validation error's tool (null for the raw zod form), its problems as phrases, and the parameters it blames.</summary>
internal sealed record ValidationError(string? Tool, IReadOnlyList<string> Issues, IReadOnlyList<string> Parameters);
