using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Xml.Linq;

namespace LocalModels.ModuleBuilder;

/// <summary>
/// Joins the hand-written help in docs/help (one &lt;command:command&gt; per cmdlet: synopsis, description, parameter
/// descriptions, examples) into the MAML file Get-Help reads, and writes what the code already knows into it: a
/// syntax block per parameter set, and each parameter's type, aliases, position, pipeline input and default.
/// </summary>
internal static class CmdletHelpWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    // The engine's own wording for the two risk-mitigation parameters, used when a help file does not describe them.
    private static readonly Dictionary<string, string> StandardDescriptions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WhatIf"] = "Shows what would happen if the cmdlet runs. The cmdlet is not run.",
        ["Confirm"] = "Prompts you for confirmation before running the cmdlet.",
    };

    public static XDocument Write(IEnumerable<CmdletInfo> cmdlets, string helpSources, TextWriter log)
    {
        var items = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"));
        foreach (var cmdlet in cmdlets)
        {
            var source = Path.Combine(helpSources, cmdlet.Name + ".xml");
            XElement command;
            if (File.Exists(source))
            {
                command = XElement.Load(source);
            }
            else
            {
                log.WriteLine($"LocalModels.ModuleBuilder: {cmdlet.Name} has no help source ({source}); its help has syntax only.");
                command = Skeleton(cmdlet);
            }
            items.Add(Complete(command, cmdlet));
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), items);
    }

    private static XElement Complete(XElement command, CmdletInfo cmdlet)
    {
        var written = command.Elements(Command + "parameters").Elements(Command + "parameter")
            .ToDictionary(p => (string?)p.Element(Maml + "name") ?? "", StringComparer.OrdinalIgnoreCase);
        command.Elements(Command + "syntax").Remove();
        command.Elements(Command + "parameters").Remove();

        var syntax = new XElement(Command + "syntax",
            ParameterFacts.OrderedSets(cmdlet).Select(set => new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", cmdlet.Name),
                ParameterFacts.SyntaxOrder(set).Select(p => Parameter(ParameterFacts.InSet(p), written, withDefault: false)))));
        var parameters = new XElement(Command + "parameters",
            ParameterFacts.ForCmdlet(cmdlet).Select(p => Parameter(p, written, withDefault: true)));

        // MAML order: details, description, syntax, parameters, then inputs, outputs, notes, examples, links.
        var anchor = command.Element(Maml + "description") ?? command.Element(Command + "details");
        if (anchor is null) command.AddFirst(syntax, parameters);
        else anchor.AddAfterSelf(syntax, parameters);
        return command;
    }

    private static XElement Parameter(ParameterFacts facts, IReadOnlyDictionary<string, XElement> written, bool withDefault)
    {
        written.TryGetValue(facts.Name, out var source);
        var description = source?.Element(Maml + "description") is { } d && d.Value.Trim().Length > 0
            ? new XElement(d)
            : StandardDescriptions.TryGetValue(facts.Name, out var standard) ? Paragraphs(standard) : new XElement(Maml + "description");
        var variableLength = facts.TypeName.EndsWith("[]", StringComparison.Ordinal);
        var element = new XElement(Command + "parameter",
            new XAttribute("required", facts.Required ? "true" : "false"),
            new XAttribute("variableLength", variableLength ? "true" : "false"),
            new XAttribute("globbing", facts.Globbing ? "true" : "false"),
            new XAttribute("pipelineInput", facts.PipelineInput),
            new XAttribute("position", facts.Position),
            new XAttribute("aliases", facts.Aliases.Count == 0 ? "none" : string.Join(", ", facts.Aliases)),
            new XElement(Maml + "name", facts.Name),
            description);
        if (facts.ValidValues.Count > 0)
            element.Add(new XElement(Command + "parameterValueGroup",
                facts.ValidValues.Select(v => new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
        if (!facts.IsSwitch)
            element.Add(new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", variableLength ? "true" : "false"), facts.TypeName));
        element.Add(new XElement(Dev + "type", new XElement(Maml + "name", facts.TypeName)));
        if (withDefault)
        {
            // A default the code cannot show (null, resolved at run time, such as OLLAMA_HOST) keeps its written text.
            var writtenDefault = ((string?)source?.Element(Dev + "defaultValue"))?.Trim();
            var value = facts.DefaultValue == "None" && !string.IsNullOrEmpty(writtenDefault) && !facts.Required ? writtenDefault! : facts.DefaultValue;
            element.Add(new XElement(Dev + "defaultValue", value));
        }
        return element;
    }

    private static XElement Paragraphs(string text) => new(Maml + "description", new XElement(Maml + "para", text));

    private static XElement Skeleton(CmdletInfo cmdlet) =>
        new(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "command", Command.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "dev", Dev.NamespaceName),
            new XElement(Command + "details",
                new XElement(Command + "name", cmdlet.Name),
                new XElement(Command + "verb", cmdlet.Verb),
                new XElement(Command + "noun", cmdlet.Noun)));
}
