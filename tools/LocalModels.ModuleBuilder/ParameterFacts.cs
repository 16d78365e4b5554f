using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace LocalModels.ModuleBuilder;

/// <summary>
/// What help says about one parameter, taken from the cmdlet's own metadata so it cannot drift from the code.
/// Across parameter sets: required when mandatory in every set it belongs to; the position of the first set that
/// gives one (default set first); pipeline input from any set. The default is what a new cmdlet object holds.
/// </summary>
internal sealed record ParameterFacts(
    string Name,
    string TypeName,
    bool IsSwitch,
    bool Required,
    string Position,
    string PipelineInput,
    bool Globbing,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> ValidValues,
    string DefaultValue)
{
    /// <summary>Common parameters Get-Help sums up as [&lt;CommonParameters&gt;]; WhatIf and Confirm are listed.</summary>
    public static bool IsCommon(string name) => Cmdlet.CommonParameters.Contains(name);

    /// <summary>Parameter sets in the order help shows them: the default set first, then by name.</summary>
    public static IReadOnlyList<CommandParameterSetInfo> OrderedSets(CmdletInfo cmdlet) =>
        cmdlet.ParameterSets.OrderByDescending(s => s.IsDefault).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();

    /// <summary>A set's parameters as its syntax line lists them: positional ones by position, then the rest.</summary>
    public static IReadOnlyList<CommandParameterInfo> SyntaxOrder(CommandParameterSetInfo set) =>
        set.Parameters.Where(p => !IsCommon(p.Name))
            .Select((p, index) => (p, index))
            .OrderBy(x => x.p.Position >= 0 ? x.p.Position : int.MaxValue).ThenBy(x => x.index)
            .Select(x => x.p).ToList();

    /// <summary>One parameter within one set, for a syntax line.</summary>
    public static ParameterFacts InSet(CommandParameterInfo parameter) => new(
        parameter.Name,
        TypeNameOf(parameter.ParameterType),
        parameter.ParameterType == typeof(SwitchParameter),
        parameter.IsMandatory,
        parameter.Position >= 0 ? parameter.Position.ToString(System.Globalization.CultureInfo.InvariantCulture) : "named",
        PipelineInputOf(new[] { parameter }),
        parameter.Attributes.OfType<SupportsWildcardsAttribute>().Any(),
        parameter.Aliases.ToList(),
        ValidValuesOf(parameter),
        "");

    /// <summary>Every parameter of the cmdlet once, for the parameters section, in the order of its first appearance.</summary>
    public static IReadOnlyList<ParameterFacts> ForCmdlet(CmdletInfo cmdlet)
    {
        var sets = OrderedSets(cmdlet);
        var names = sets.SelectMany(SyntaxOrder).Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var fresh = Activator.CreateInstance(cmdlet.ImplementingType);
        return names.Select(name =>
        {
            var occurrences = sets.SelectMany(s => s.Parameters).Where(p => p.Name == name).ToList();
            var first = occurrences[0];
            var required = occurrences.All(p => p.IsMandatory);
            var positioned = occurrences.FirstOrDefault(p => p.Position >= 0);
            return new ParameterFacts(
                name,
                TypeNameOf(first.ParameterType),
                first.ParameterType == typeof(SwitchParameter),
                required,
                positioned is null ? "named" : positioned.Position.ToString(System.Globalization.CultureInfo.InvariantCulture),
                PipelineInputOf(occurrences),
                first.Attributes.OfType<SupportsWildcardsAttribute>().Any(),
                first.Aliases.ToList(),
                ValidValuesOf(first),
                required ? "None" : FormatDefault(DefaultOf(cmdlet.ImplementingType, fresh, first)));
        }).ToList();
    }

    /// <summary>How help writes a default: None for no value, lists joined with ', ', the rest as PowerShell's [string].</summary>
    public static string FormatDefault(object? value) => value switch
    {
        null => "None",
        string { Length: 0 } => "None",
        SwitchParameter s => s.IsPresent ? "True" : "False",
        string s => s,
        IEnumerable items when items.Cast<object>().Any() => string.Join(", ", items.Cast<object>().Select(i => LanguagePrimitives.ConvertTo<string>(i))),
        IEnumerable => "None",
        _ => LanguagePrimitives.ConvertTo<string>(value),
    };

    // WhatIf and Confirm are the engine's, not properties of the cmdlet: like every switch, off unless given.
    // A cmdlet may hide a base class's parameter with its own (`new`): the most derived declaration is the parameter.
    private static object? DefaultOf(Type implementingType, object? fresh, CommandParameterInfo parameter) =>
        PropertyOf(implementingType, parameter.Name) is { } property ? property.GetValue(fresh)
        : parameter.ParameterType == typeof(SwitchParameter) ? new SwitchParameter(false) : null;

    private static System.Reflection.PropertyInfo? PropertyOf(Type type, string name)
    {
        for (var declaring = type; declaring is not null; declaring = declaring.BaseType)
            if (declaring.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly) is { } property)
                return property;
        return null;
    }

    private static string PipelineInputOf(IReadOnlyCollection<CommandParameterInfo> occurrences)
    {
        var ways = new List<string>();
        if (occurrences.Any(p => p.ValueFromPipeline)) ways.Add("ByValue");
        if (occurrences.Any(p => p.ValueFromPipelineByPropertyName)) ways.Add("ByPropertyName");
        return ways.Count == 0 ? "False" : $"True ({string.Join(", ", ways)})";
    }

    // What Tab offers: a ValidateSet's values, or an enum's names.
    private static IReadOnlyList<string> ValidValuesOf(CommandParameterInfo parameter)
    {
        var set = parameter.Attributes.OfType<ValidateSetAttribute>().SelectMany(a => a.ValidValues).ToList();
        if (set.Count > 0) return set;
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        type = type.IsArray ? type.GetElementType()! : type;
        return type.IsEnum ? Enum.GetNames(type) : Array.Empty<string>();
    }

    private static string TypeNameOf(Type type)
    {
        var element = Nullable.GetUnderlyingType(type) ?? type;
        return element.IsArray ? TypeNameOf(element.GetElementType()!) + "[]" : element.Name;
    }
}
