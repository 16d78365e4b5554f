using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Reflection;
using LocalModels.Tests.Hosting;
using Xunit;

namespace LocalModels.Tests;

/// <summary>
/// PSScriptAnalyzer runs in real pwsh (tests/Pester/ScriptAnalysis.Tests.ps1, from test.sh), not here. These AST checks
/// follow its Warning and Error rules that such scripts trip most, so a slip shows up in the quick .NET suite too.
/// They are a net under PSScriptAnalyzer, not a replacement for it.
/// </summary>
public sealed class ScriptAnalysisTests
{
    [Theory]
    [MemberData(nameof(ScriptFileTests.Scripts), MemberType = typeof(ScriptFileTests))]
    public void Script_follows_the_analyzer_rules(string relativePath)
    {
        var findings = ScriptRules.Check(File.ReadAllText(Path.Combine(RepositoryPaths.Root, relativePath)));
        Assert.True(findings.Count == 0, relativePath + ":\n" + string.Join("\n", findings));
    }

    [Theory]
    [InlineData("PSAvoidUsingCmdletAliases", "gci . | % { $_ }")]
    [InlineData("PSAvoidUsingEmptyCatchBlock", "try { 1 } catch { }")]
    [InlineData("PSAvoidUsingWriteHost", "Write-Host hi")]
    [InlineData("PSAvoidUsingInvokeExpression", "Invoke-Expression 'dir'")]
    [InlineData("PSPossibleIncorrectComparisonWithNull", "if ($x -eq $null) { 1 }")]
    [InlineData("PSAvoidGlobalVars", "$global:x = 1")]
    [InlineData("PSUseApprovedVerbs", "function Make-Thing { 1 }")]
    [InlineData("PSUseShouldProcessForStateChangingFunctions", "function script:New-Thing { 1 }")]
    [InlineData("PSUseSingularNouns", "function Get-Things { 1 }")]
    [InlineData("PSMisleadingBacktick", "Get-Item . ` \n -Force")]
    [InlineData("PSAvoidDefaultValueSwitchParameter", "param([switch] $Force = $true) $Force")]
    [InlineData("PSReviewUnusedParameter", "param([string] $Path) 1")]
    [InlineData("PSReviewUnusedParameter", "function Get-Thing([string] $Name) { 1 }")]
    [InlineData("PSAvoidAssignmentToAutomaticVariable", "$input = 1")]
    [InlineData("PSPossibleIncorrectUsageOfAssignmentOperator", "if ($a = 1) { $a }")]
    [InlineData("PSPossibleIncorrectUsageOfRedirectionOperator", "if ($a > 1) { $a }")]
    [InlineData("PSUseProcessBlockForPipelineCommand", "function Get-Thing { param([Parameter(ValueFromPipeline)] $InputObject) $InputObject }")]
    [InlineData("PSAvoidUsingBrokenHashAlgorithms", "Get-FileHash -Path x -Algorithm MD5")]
    public void Each_rule_finds_what_it_is_about(string rule, string script)
    {
        Assert.Contains(ScriptRules.Check(script), finding => finding.StartsWith(rule, StringComparison.Ordinal));
    }

    [Fact]
    public void Clean_code_has_no_findings()
    {
        var script = "param([string] $Path)\n$null = Get-ChildItem -Path $Path | Where-Object Length -GT 0\n"
            + "if ($null -eq $x) { try { 1 } catch { Write-Verbose $_ } }\nfunction script:Copy-Thing([string] $Name) { $Name }\n"
            + "Get-Item . `\n    -Force\n";
        Assert.Empty(ScriptRules.Check(script));
    }
}

/// <summary>The checks, by name of the PSScriptAnalyzer rule each follows.</summary>
internal static class ScriptRules
{
    private static readonly HashSet<string> Aliases = new(
        InitialSessionState.CreateDefault2().Commands.OfType<SessionStateAliasEntry>().Select(a => a.Name)
            // Aliases PowerShell defines on Windows only; the analyzer flags them there.
            .Concat(new[] { "ls", "cp", "rm", "mv", "cat", "sort", "sleep", "kill", "ps", "man", "mount", "diff", "tee", "write", "start", "curl", "wget" }),
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> ApprovedVerbs = new(
        new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) }
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(field => (string)field.GetValue(null)!),
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> StateChangingVerbs = new(
        new[] { "New", "Set", "Remove", "Start", "Stop", "Restart", "Reset", "Update" }, StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> AutomaticVariables = new(
        new[] { "_", "PSItem", "args", "input", "Matches", "Error", "Host", "IsLinux", "IsMacOS", "IsWindows", "IsCoreCLR", "PSScriptRoot",
            "PSCommandPath", "MyInvocation", "PSBoundParameters", "this", "HOME", "PID", "PWD", "ExecutionContext",
            "StackTrace", "ShellId", "PSVersionTable", "PSCulture", "PSUICulture", "PSHOME", "Sender", "EventArgs", "Event", "Profile",
            "PSCmdlet", "ForEach", "PSEdition", "NestedPromptLevel" },
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> EqualityOperators = new(
        new[] { "Ieq", "Ine", "Ceq", "Cne" }, StringComparer.Ordinal);

    public static List<string> Check(string script)
    {
        var ast = Parser.ParseInput(script, out _, out var errors);
        var findings = errors.Select(e => $"ParseError line {e.Extent.StartLineNumber}: {e.Message}").ToList();
        void Add(string rule, Ast at, string what) => findings.Add($"{rule} line {at.Extent.StartLineNumber}: {what}");

        foreach (var command in ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>())
        {
            var name = command.GetCommandName();
            if (name is null) continue;
            if (Aliases.Contains(name)) Add("PSAvoidUsingCmdletAliases", command, $"'{name}' is an alias");
            if (name.Equals("Write-Host", StringComparison.OrdinalIgnoreCase)) Add("PSAvoidUsingWriteHost", command, "use Write-Information or output");
            if (name.Equals("Invoke-Expression", StringComparison.OrdinalIgnoreCase)) Add("PSAvoidUsingInvokeExpression", command, "Invoke-Expression");
            if (name.Equals("Get-FileHash", StringComparison.OrdinalIgnoreCase)
                && command.CommandElements.OfType<StringConstantExpressionAst>().Any(s => s.Value is "MD5" or "SHA1" or "md5" or "sha1"))
                Add("PSAvoidUsingBrokenHashAlgorithms", command, "MD5/SHA1");
        }

        foreach (var clause in ast.FindAll(a => a is CatchClauseAst, true).Cast<CatchClauseAst>())
            if (clause.Body.Statements.Count == 0) Add("PSAvoidUsingEmptyCatchBlock", clause, "empty catch");

        foreach (var binary in ast.FindAll(a => a is BinaryExpressionAst, true).Cast<BinaryExpressionAst>())
            if (EqualityOperators.Contains(binary.Operator.ToString()) && IsNull(binary.Right) && !IsNull(binary.Left))
                Add("PSPossibleIncorrectComparisonWithNull", binary, "put $null on the left");

        foreach (var variable in ast.FindAll(a => a is VariableExpressionAst, true).Cast<VariableExpressionAst>())
            if (variable.VariablePath.IsGlobal) Add("PSAvoidGlobalVars", variable, variable.VariablePath.UserPath);

        foreach (var assignment in ast.FindAll(a => a is AssignmentStatementAst, true).Cast<AssignmentStatementAst>())
            if (assignment.Left is VariableExpressionAst target && target.VariablePath.IsUnqualified && AutomaticVariables.Contains(target.VariablePath.UserPath))
                Add("PSAvoidAssignmentToAutomaticVariable", assignment, "$" + target.VariablePath.UserPath);

        foreach (var function in ast.FindAll(a => a is FunctionDefinitionAst, true).Cast<FunctionDefinitionAst>())
            CheckFunction(function, Add);

        foreach (var block in ast.FindAll(a => a is ScriptBlockAst { ParamBlock: not null }, true).Cast<ScriptBlockAst>())
            CheckParameters(block, block.ParamBlock.Parameters, Add);
        foreach (var function in ast.FindAll(a => a is FunctionDefinitionAst { Parameters: not null }, true).Cast<FunctionDefinitionAst>())
            CheckParameters(function.Body, function.Parameters, Add);

        foreach (var clause in ast.FindAll(a => a is IfStatementAst, true).Cast<IfStatementAst>().SelectMany(s => s.Clauses))
        {
            if (clause.Item1 is AssignmentStatementAst) Add("PSPossibleIncorrectUsageOfAssignmentOperator", clause.Item1, "'=' in a condition");
            if (clause.Item1.FindAll(a => a is FileRedirectionAst, true).Any()) Add("PSPossibleIncorrectUsageOfRedirectionOperator", clause.Item1, "'>' in a condition");
        }

        // A backtick followed by spaces escapes the space and does not continue the line.
        foreach (var (line, number) in script.Split('\n').Select((line, index) => (line.TrimEnd('\r'), index + 1)))
            if (line.TrimEnd().EndsWith("`", StringComparison.Ordinal) && line.TrimEnd().Length != line.Length)
                findings.Add($"PSMisleadingBacktick line {number}: backtick followed by whitespace");

        return findings.Distinct().ToList();
    }

    private static void CheckFunction(FunctionDefinitionAst function, Action<string, Ast, string> add)
    {
        var name = function.Name.Contains(':') ? function.Name.Substring(function.Name.IndexOf(':') + 1) : function.Name;
        var dash = name.IndexOf('-');
        if (dash <= 0) return;
        var verb = name.Substring(0, dash);
        var noun = name.Substring(dash + 1);
        if (!ApprovedVerbs.Contains(verb)) add("PSUseApprovedVerbs", function, $"'{verb}' is not an approved verb");
        var attributes = function.Body.ParamBlock?.Attributes ?? (IEnumerable<AttributeAst>)Array.Empty<AttributeAst>();
        var supportsShouldProcess = attributes.Any(a => a.TypeName.Name.Equals("CmdletBinding", StringComparison.OrdinalIgnoreCase)
            && a.NamedArguments.Any(n => n.ArgumentName.Equals("SupportsShouldProcess", StringComparison.OrdinalIgnoreCase)));
        if (StateChangingVerbs.Contains(verb) && !supportsShouldProcess)
            add("PSUseShouldProcessForStateChangingFunctions", function, $"{name} changes state without SupportsShouldProcess");
        var lastUpper = noun.Length - 1;
        while (lastUpper > 0 && !char.IsUpper(noun[lastUpper])) lastUpper--;
        var lastWord = noun.Substring(lastUpper);
        if (lastWord.EndsWith("s", StringComparison.Ordinal) && !lastWord.EndsWith("ss", StringComparison.Ordinal)
            && !lastWord.EndsWith("us", StringComparison.Ordinal) && !lastWord.EndsWith("is", StringComparison.Ordinal))
            add("PSUseSingularNouns", function, $"'{noun}' looks plural");
        var pipelineInput = function.FindAll(a => a is NamedAttributeArgumentAst { ArgumentName: "ValueFromPipeline" }, true).Any();
        if (pipelineInput && function.Body.ProcessBlock is null) add("PSUseProcessBlockForPipelineCommand", function, "pipeline input without a process block");
    }

    private static void CheckParameters(ScriptBlockAst body, IEnumerable<ParameterAst> parameters, Action<string, Ast, string> add)
    {
        var used = body.FindAll(a => a is VariableExpressionAst v && v.Parent is not ParameterAst, true)
            .Cast<VariableExpressionAst>().Select(v => v.VariablePath.UserPath).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in parameters)
        {
            var name = parameter.Name.VariablePath.UserPath;
            if (!used.Contains(name)) add("PSReviewUnusedParameter", parameter, "$" + name + " is never used");
            var isSwitch = parameter.StaticType == typeof(SwitchParameter);
            if (isSwitch && parameter.DefaultValue is VariableExpressionAst { VariablePath.UserPath: var value } && value.Equals("true", StringComparison.OrdinalIgnoreCase))
                add("PSAvoidDefaultValueSwitchParameter", parameter, "switch defaults to $true");
        }
    }

    private static bool IsNull(ExpressionAst expression) =>
        expression is VariableExpressionAst { VariablePath.UserPath: var name } && name.Equals("null", StringComparison.OrdinalIgnoreCase);
}
