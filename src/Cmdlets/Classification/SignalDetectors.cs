using System;
using System.Collections.Generic;
using System.Linq;
using LocalModels.Traces;

namespace LocalModels.Classification;

/// <summary>
/// One rule per failure mode, each reading facts only (never the model's name) and returning the signal with the
/// evidence that decided it, or null. The classifier runs them all; the live watcher reuses the decisive ones.
/// </summary>
internal static class SignalDetectors
{
    public static IReadOnlyList<FailureSignal> Endpoint(RunFacts f)
    {
        var trace = f.Trace;
        if (trace.ApiErrors.Count == 0 && trace.FinalResult is not { TerminalReason: "api_error" }) return Array.Empty<FailureSignal>();
        var signals = new List<FailureSignal>(2);
        TraceApiError? noTools = null, other = null;
        foreach (var error in trace.ApiErrors)
        {
            if (IsNoToolSupport(error)) noTools ??= error;
            // Claude Code's own "Prompt is too long" / "Autocompact is thrashing" is a context verdict (ContextOverflow), not the endpoint failing.
            else if (!ContextUse.IsContextMessage(error)) other ??= error;
        }
        if (noTools is not null)
            signals.Add(new FailureSignal(FailureMode.NoToolSupport, $"API Error {noTools.Status?.ToString() ?? ""}: {Short(StripPrefix(noTools.Message))}".Replace("API Error : ", "API Error: "))
            { Facts = new SignalFacts { Status = noTools.Status ?? 400, Count = trace.ApiRetries } });
        if (other is not null)
        {
            var retries = trace.ApiRetries > 0 ? $" after {trace.ApiRetries} retries" : "";
            signals.Add(new FailureSignal(FailureMode.EndpointError, $"API error {Status(other.Status)}{retries}: {Short(other.Message)}")
            { Facts = new SignalFacts { Status = other.Status, Count = trace.ApiRetries } });
        }
        else if (noTools is null && trace.FinalResult is { TerminalReason: "api_error" } result)
        {
            signals.Add(new FailureSignal(FailureMode.EndpointError, $"run ended on an API error {Status(result.ApiErrorStatus)}: {Short(result.ResultText)}")
            { Facts = new SignalFacts { Status = result.ApiErrorStatus, Count = trace.ApiRetries } });
        }
        return signals;
    }

    public static bool IsNoToolSupport(TraceApiError error) =>
        error.Message.IndexOf("does not support tools", StringComparison.OrdinalIgnoreCase) >= 0
        || error.Status == 400 && error.Message.IndexOf("tool", StringComparison.OrdinalIgnoreCase) >= 0
           && error.Message.IndexOf("support", StringComparison.OrdinalIgnoreCase) >= 0;

    public static IReadOnlyList<FailureSignal> Limits(RunFacts f)
    {
        var context = f.Context;
        var maxTurns = f.Trace.FinalResult is { TerminalReason: "max_turns" } final ? final : null;
        if (!context.Cancelled && !context.TimedOut && maxTurns is null && context.StoppedBy is null) return Array.Empty<FailureSignal>();
        var signals = new List<FailureSignal>();
        var calls = new SignalFacts { Count = f.Trace.ToolCallCount };
        if (context.Cancelled)
            signals.Add(new FailureSignal(FailureMode.Cancelled, $"stopped by the user after {RunFacts.Say(f.Duration)}") { Facts = calls });
        if (context.TimedOut)
            signals.Add(new FailureSignal(FailureMode.Timeout, $"hit the time limit after {RunFacts.Say(f.Duration)} with {f.Trace.ToolCallCount} tool calls") { Facts = calls });
        if (maxTurns is { } result)
            signals.Add(new FailureSignal(FailureMode.Timeout, $"hit the turn limit: {Short(result.Errors.Length > 0 ? result.Errors : "max_turns")}")
            { Facts = calls with { Turn = result.NumTurns } });
        if (context.StoppedBy is { } stopped)
            signals.Add(stopped);
        return signals;
    }

    public static FailureSignal? MemoryThrash(RunFacts f, ClassificationThresholds t)
    {
        var samples = f.Context.MemorySamples;
        if (samples.Count == 0) return null;
        var worst = samples.OrderByDescending(s => s.CpuPercent).First();
        if (worst.CpuPercent < t.MemoryThrashCpuPercent) return null;
        var seconds = f.Duration.TotalSeconds;
        var rate = seconds > 0 ? f.Trace.OutputTokens / seconds : 0;
        // Spilled to RAM and either crawling or failing: the seed's cogito:32b (41% CPU) produced nothing for minutes.
        // A spilled model that still finishes its work at a usable rate is only slow, not thrashing.
        var crawling = !f.HasModelOutput || rate < t.MemoryThrashTokensPerSecond;
        if (!crawling && f.DeliverableProduced != false) return null;
        var why = crawling ? "" : $" and stopped without {f.DeliverableName}";
        return new FailureSignal(FailureMode.MemoryThrash,
            $"{worst.CpuPercent}% of the model in system RAM ({worst.SizeBytes / 1e9:0.0} GB loaded){why}; {f.Trace.OutputTokens} output tokens in {RunFacts.Say(f.Duration)}")
        { Facts = new SignalFacts { Percent = worst.CpuPercent, Count = (int)Math.Min(int.MaxValue, f.Trace.OutputTokens) } };
    }

    /// <summary>
    /// The first context event (truncation by the server, Claude Code's compaction or its refusal to send) when it
    /// came before the deliverable was written and before any tool call failed: then it explains what followed.
    /// </summary>
    public static FailureSignal? ContextOverflow(RunFacts f)
    {
        var first = f.ContextUse.First;
        if (first is null) return null;
        if (f.Trace.DeliverableWriteTurn is { } written && written < first.Turn) return null;
        if (f.Trace.ToolCalls.Any(c => c.ParentToolUseId is null && c.Result is { IsError: true } && c.Turn < first.Turn)) return null;
        var use = f.ContextUse;
        var more = new List<string>();
        if (use.Overflows > 1) more.Add($"{use.Overflows} overflows");
        if (use.Compactions > 0 && first.Kind != ContextEventKind.Compacted || use.Compactions > 1) more.Add($"{use.Compactions} compactions");
        if (use.FailedCompactions > 0 && first.Kind != ContextEventKind.CompactionFailed || use.FailedCompactions > 1) more.Add($"{use.FailedCompactions} failed compactions");
        var tail = more.Count > 0 ? $" ({string.Join(", ", more)})" : "";
        return new FailureSignal(FailureMode.ContextOverflow, ContextUse.Describe(first) + tail)
        {
            Facts = new SignalFacts
            {
                Names = new[] { first.Kind.ToString() }, Turn = first.Turn, Of = first.ContextLength,
                Count = use.Overflows + use.Compactions + use.FailedCompactions,
            },
        };
    }

    public static FailureSignal? Silent(RunFacts f)
    {
        if (f.HasModelOutput || f.Trace.ApiErrors.Count > 0) return null;
        if (f.Trace.TotalLines == 0) return null;
        // A transcript keeps no line for an empty answer, only Claude Code's re-ask after it.
        var turns = Math.Max(Math.Max(f.Trace.AssistantTurns, f.Trace.FinalResult?.NumTurns ?? 0), f.Trace.EmptyResponseRetries);
        var thinking = f.Trace.Texts.Any(t => t.IsThinking && t.Text.Trim().Length > 0) ? " (thinking only)" : "";
        var retried = f.Trace.EmptyResponseRetries > 0 ? $"; re-asked {f.Trace.EmptyResponseRetries}× after empty answers" : "";
        return new FailureSignal(FailureMode.Silent, $"no text and no tool calls in {turns} turns{thinking}{retried}; {f.Trace.OutputTokens} output tokens")
        { Facts = new SignalFacts { Turn = turns, Count = f.Trace.EmptyResponseRetries } };
    }

    /// <summary>
    /// Declined in words and never got anything done with a tool. A run whose tool calls failed first also lands here;
    /// the precedence then names the failure that explains the refusal (an invented tool, a bad parameter). In any
    /// language: a run that owed a deliverable, ended by itself and answered in words alone, without one tool call,
    /// saying nothing about the repository (no path, no command) that it could have made up, did not try the task.
    /// </summary>
    public static FailureSignal? Refuses(RunFacts f)
    {
        // A call that succeeded, or one the person turned down (the model then declines because it was told to stop).
        foreach (var call in f.MainCalls)
            if (call.Result is { IsError: false } || call.Result is { IsError: true } rejected && ToolErrorText.IsUserRejection(rejected.Content)) return null;
        foreach (var text in f.MainTexts)
        {
            if (TextPatterns.LooksLikeDocument(text.Text, f.DeliverableName)) continue;
            if (TextPatterns.FindRefusal(text.Text) is { } sentence)
                return new FailureSignal(FailureMode.Refuses, $"declined in turn {text.Turn} with {f.Trace.ToolCallCount} tool calls: \"{sentence}\"")
                { Facts = new SignalFacts { Turn = text.Turn, Count = f.Trace.ToolCallCount } };
        }
        if (f.MainCalls.Count > 0 || f.DeliverableProduced != false || f.MainTexts.Count == 0) return null;
        // Only a run that ended by itself: one cut short by a limit or a stop may have been about to start. A stream
        // trace shows its end in a result line; a transcript, in the model's last message ending its turn.
        if (f.Context.TimedOut || f.Context.Cancelled || f.Context.StoppedBy is not null || f.Trace.FinalResult?.TerminalReason == "max_turns"
            || f.Trace.Format == TraceFormat.StreamJson && f.Trace.FinalResult is null
            || f.Trace.Format == TraceFormat.Transcript && f.Trace.LastStopReason != "end_turn")
            return null;
        foreach (var text in f.MainTexts)
            if (TextPatterns.LooksLikeDocument(text.Text, f.DeliverableName) || TextPatterns.NamesRepositoryThings(text.Text)) return null;
        var first = f.MainTexts[0];
        return new FailureSignal(FailureMode.Refuses,
            $"did not try: no tool call in {f.Trace.AssistantTurns} turn(s) and no {f.DeliverableName}; it answered: \"{TextPatterns.Short(first.Text, 100)}\"")
        { Facts = new SignalFacts { Turn = first.Turn, Count = 0 } };
    }

    public static FailureSignal? NestedParams(RunFacts f)
    {
        List<TraceToolCall>? nested = null;
        foreach (var call in f.Trace.ToolCalls)
            if (RunFacts.IsNested(call)) (nested ??= new List<TraceToolCall>()).Add(call);
        if (nested is null) return null;
        var example = nested[0];
        var wrapper = string.Join(",", example.InputKeys.Select(k => $"\"{k}\":…"));
        return new FailureSignal(FailureMode.NestedParams,
            $"{nested.Count} × nested input on {Names(nested)}: {{{wrapper}}}; {nested.Count(c => c.Result?.IsError == true)} failed validation")
        { Facts = new SignalFacts { Tools = ToolList(nested), Names = example.InputKeys.ToList(), Count = nested.Count, Turn = example.Turn } };
    }

    public static FailureSignal? HallucinatedTools(RunFacts f)
    {
        var invented = new List<string>();
        var calls = new List<TraceToolCall>();
        foreach (var call in f.Trace.ToolCalls)
        {
            var content = call.Result?.Content ?? "";
            var unknown = ToolErrorText.UnknownTool(content);
            var isInvented = unknown is not null
                ? !ToolErrorText.IsDisabledTool(content)
                : f.RunTools.Count > 0 && call.Name.Length > 0 && !ToolNames.IsOffered(call.Name, f.RunTools)
                  && !ToolNames.KnownClaudeCodeTools.Contains(call.Name) && call.Result?.IsError != false;
            if (!isInvented) continue;
            calls.Add(call);
            if (!invented.Contains(unknown ?? call.Name)) invented.Add(unknown ?? call.Name);
        }
        if (invented.Count == 0) return null;
        var list = f.RunTools.Count > 0 ? $"not in the run's {f.RunTools.Count} tools" : "No such tool available";
        return new FailureSignal(FailureMode.HallucinatedTools, $"called {string.Join(", ", invented.Take(6))} ({list})")
        { Facts = new SignalFacts { Tools = invented, Count = calls.Count, Turn = calls[0].Turn } };
    }

    public static FailureSignal? HallucinatedParams(RunFacts f)
    {
        List<TraceToolCall>? failures = null;
        foreach (var call in f.Trace.ToolCalls)
            if (call.Result is { IsError: true } r && ToolErrorText.IsValidationError(r.Content) && !RunFacts.IsNested(call))
                (failures ??= new List<TraceToolCall>()).Add(call);
        if (failures is null) return null;
        // A model that keeps making the same bad call repeats the same error: each text is read once.
        var read = new Dictionary<string, ValidationError>(StringComparer.Ordinal);
        var tools = new List<string>();
        var errorsByTool = new List<List<ValidationError>>();
        var names = new List<string>();
        foreach (var call in failures)
        {
            var content = call.Result!.Content;
            if (!read.TryGetValue(content, out var error)) read[content] = error = ToolErrorText.ReadValidationError(content);
            var tool = error.Tool ?? call.Name;
            var group = tools.IndexOf(tool);
            if (group < 0)
            {
                tools.Add(tool);
                errorsByTool.Add(new List<ValidationError>());
                group = tools.Count - 1;
            }
            errorsByTool[group].Add(error);
            foreach (var name in error.Parameters)
                if (!names.Contains(name)) names.Add(name);
        }
        var parts = tools.Select((tool, i) =>
            $"{errorsByTool[i].Count} × InputValidationError on {tool}: {string.Join("; ", errorsByTool[i].SelectMany(e => e.Issues).Distinct().Take(4))}");
        return new FailureSignal(FailureMode.HallucinatedParams, Short(string.Join(" | ", parts), 240))
        {
            Facts = new SignalFacts { Tools = tools, Names = names, Count = failures.Count, Turn = failures[0].Turn },
        };
    }

    public static FailureSignal? StuckOnSubagent(RunFacts f)
    {
        if (f.DeliverableProduced == true) return null;
        List<TraceToolCall>? subagentCalls = null;
        foreach (var call in f.MainCalls)
            if (ToolNames.IsSubagent(call.Name)) (subagentCalls ??= new List<TraceToolCall>()).Add(call);
        if (subagentCalls is null) return null;
        var failed = new List<FailedDelegation>();
        foreach (var call in subagentCalls)
        {
            var content = call.Result?.Content ?? "";
            if (call.Result is { IsError: true } && ToolErrorText.IsUserRejection(content)) continue;
            if (call.Result is { IsError: true })
                failed.Add(new FailedDelegation(call, ToolErrorText.MissingAgentType(content) is { } type ? $"Agent type '{type}' not found" : Short(StripTag(content), 80)));
            else if (call.Result is null || ToolErrorText.IsAsyncLaunch(content))
            {
                if (!SubagentProducedAnything(f.Trace, call.Id)) failed.Add(new FailedDelegation(call, call.Result is null ? "no result" : "launched, subagent produced nothing"));
            }
        }
        // Background subagents answer, but a model that keeps delegating and never uses the answers is stuck too.
        if (failed.Count == 0 && subagentCalls.Count >= 2)
            failed.AddRange(subagentCalls.Select(call => new FailedDelegation(call, "delegated again and again, never used the results")));
        if (failed.Count == 0) return null;
        // Plain loops: this runs for every run that called a subagent and did not write its deliverable.
        var last = -1;
        var lastFailed = failed[failed.Count - 1].Call;
        for (var i = 0; i < f.MainCalls.Count && last < 0; i++)
            if (EqualityComparer<TraceToolCall>.Default.Equals(f.MainCalls[i], lastFailed)) last = i;
        var recovered = 0;
        for (var i = last + 1; i < f.MainCalls.Count; i++)
            if (!ToolNames.IsSubagent(f.MainCalls[i].Name) && f.MainCalls[i].Result is { IsError: false }) recovered++;
        if (recovered > 1) return null;
        var types = string.Join(", ", failed.Select(x => SubagentType(x.Call)).Distinct());
        var deliverable = f.DeliverableProduced == false ? $"; ended without {f.DeliverableName}" : "; ended without the deliverable";
        return new FailureSignal(FailureMode.StuckOnSubagent,
            $"{failed.Count} × {failed[0].Call.Name}({types}) failed: {failed[0].Why}{deliverable}")
        { Facts = new SignalFacts { Tools = failed.Select(x => SubagentType(x.Call)).Distinct().ToList(), Count = failed.Count, Turn = failed[0].Call.Turn } };
    }

    public static FailureSignal? NarratedTools(RunFacts f)
    {
        if (f.DeliverableProduced == true) return null;
        var narrating = new List<Narration>();
        foreach (var text in f.MainTexts)
        {
            if (text.MessageId is { } message && f.HasMainCallIn(message)) continue;
            var named = f.Narration.Find(text.Text);
            if (named.Count > 0) narrating.Add(new Narration(text, named));
        }
        if (narrating.Count == 0) return null;
        var lastNarration = narrating[narrating.Count - 1].Text;
        var callsAfter = f.MainCalls.Count(c => c.At is { } at && lastNarration.At is { } n && at > n && c.Result is { IsError: false });
        if (callsAfter > 1) return null;
        var tools = narrating.SelectMany(n => n.Tools).Distinct().Take(5).ToList();
        var quote = TextPatterns.QuoteAbout(narrating[0].Text.Text, narrating[0].Tools[0]);
        var turns = narrating.Select(n => n.Text.MessageId ?? n.Text.Text).Distinct().Count();
        return new FailureSignal(FailureMode.NarratedTools,
            $"{turns} turn(s) narrate {string.Join(", ", tools)} with no tool call; {f.Trace.ToolCallCount} real tool calls: \"{quote}\"")
        { Facts = new SignalFacts { Tools = narrating.SelectMany(n => n.Tools).Distinct().ToList(), Count = turns, Turn = narrating[0].Text.Turn } };
    }

    public static FailureSignal? ContextStall(RunFacts f, ClassificationThresholds t)
    {
        var stall = new SignalFacts { Exploring = f.ExploringCalls, Count = f.Interventions, Turn = f.MainTexts.Count > 0 ? f.MainTexts[f.MainTexts.Count - 1].Turn : null };
        // Nudged on with nothing under way (no tool call at all) is not a stall: the model never started.
        if (f.Interventions > 0 && (f.DeliverableProduced == true || f.MainCalls.Count > 0))
            return new FailureSignal(FailureMode.ContextStall, f.DeliverableProduced == true
                ? $"stopped mid-task and needed {f.Interventions} intervention(s) after {f.ExploringCalls} exploring calls"
                : $"explored with {f.ExploringCalls} calls ({Sequence(f)}), then stopped without {f.DeliverableName}; {f.Interventions} \"Continue\" nudge(s) did not help")
            { Facts = stall };
        if (f.DeliverableProduced == true || f.ExploringCalls == 0) return null;
        if (f.Trace.FinalResult is { IsError: true } && f.Trace.FinalResult.TerminalReason != "max_turns") return null;
        var lastText = f.MainTexts.Count > 0 ? f.MainTexts[f.MainTexts.Count - 1].Text : "";
        var announces = lastText.Length > 0 && TextPatterns.AnnouncesMoreWork(lastText);
        // Quiet is the model's silence while the run waited on it: after a turn it ended itself ("end_turn"), the wait
        // was for a person (a session left open, resumed hours later), not for the model.
        var quiet = f.Trace.LastStopReason != "end_turn" && f.Trace.LastModelOutputAt is { } lastOutput && f.Trace.LastEventAt is { } lastEvent
            && lastEvent - lastOutput >= t.NoOutputStretch;
        // A run cut by a time or turn limit did not stop by itself: a stall only when the model had gone quiet first.
        var limited = f.Context.TimedOut || f.Trace.FinalResult?.TerminalReason == "max_turns";
        if (limited && !quiet) return null;
        if (f.DeliverableProduced is null && !announces && !quiet) return null;
        var why = announces ? $"; last words: \"{TextPatterns.Short(LastSentence(lastText), 100)}\""
            : quiet ? $"; no model output for the last {RunFacts.Say(f.Trace.LastEventAt!.Value - f.Trace.LastModelOutputAt!.Value)}" : "";
        var without = f.DeliverableProduced == false ? $" without {f.DeliverableName}" : "";
        return new FailureSignal(FailureMode.ContextStall,
            $"explored with {f.ExploringCalls} calls ({Sequence(f)}), then stopped{without}{why}")
        { Facts = stall };
    }

    /// <summary>
    /// A deliverable that names what the repository lacks, or was written without reading the repository, or was
    /// printed instead of written. <see cref="SignalFacts.Fabricated"/> marks the made-up ones (nothing read first,
    /// or most of its checked claims false), which fail the run; a few invented names after exploring do not.
    /// </summary>
    public static FailureSignal? HallucinatedContent(RunFacts f, ClassificationThresholds t)
    {
        var verification = f.Context.Deliverable;
        var hallucinations = verification?.Hallucinations ?? Array.Empty<string>();
        if (f.DeliverableProduced == true)
        {
            var claims = Math.Max(verification?.ClaimsChecked ?? 0, hallucinations.Count);
            var unexplored = f.ExploringBeforeDeliverable <= t.MaxExploringCallsForUnexploredWrite;
            var mostlyFalse = hallucinations.Count >= t.MinFalseClaimsForFabrication && hallucinations.Count > claims * t.FabricatedClaimShare;
            var facts = new SignalFacts
            {
                Names = hallucinations,
                Count = hallucinations.Count,
                Of = claims,
                Exploring = f.ExploringBeforeDeliverable,
                Fabricated = unexplored || mostlyFalse,
            };
            var read = unexplored ? "without reading the repository" : $"after {f.ExploringBeforeDeliverable} exploring calls";
            if (hallucinations.Count > 0)
                return new FailureSignal(FailureMode.HallucinatedContent,
                    $"{f.DeliverableName} {read} names {hallucinations.Count} of {claims} checked things that do not exist: {Short(string.Join("; ", hallucinations), 160)}")
                { Facts = facts };
            if (unexplored)
                return new FailureSignal(FailureMode.HallucinatedContent,
                    $"wrote {f.DeliverableName} after {f.ExploringBeforeDeliverable} exploring calls (nothing read first)")
                { Facts = facts };
            return null;
        }
        TraceText? printed = null;
        for (var i = f.MainTexts.Count - 1; i >= 0 && printed is null; i--)
            if (TextPatterns.LooksLikeDocument(f.MainTexts[i].Text, f.DeliverableName)) printed = f.MainTexts[i];
        if (printed is not null)
            return new FailureSignal(FailureMode.HallucinatedContent,
                $"printed {f.DeliverableName} as text ({printed.Text.Split('\n').Length} lines) instead of writing it")
            { Facts = new SignalFacts { Turn = printed.Turn, Exploring = f.ExploringCalls, Fabricated = true } };
        return null;
    }

    /// <summary>When a run failed and no rule named why: answered without tools, or explored and stopped.</summary>
    public static FailureSignal Fallback(RunFacts f)
    {
        if (f.Trace.FinalResult is { IsError: true } result && result.TerminalReason is not ("completed" or "max_turns"))
            return new FailureSignal(FailureMode.EndpointError, $"run ended with an error ({result.TerminalReason ?? result.Subtype ?? "unknown"}): {Short(result.Errors.Length > 0 ? result.Errors : result.ResultText)}")
            { Facts = new SignalFacts { Status = result.ApiErrorStatus } };
        if (f.ExploringCalls > 0)
            return new FailureSignal(FailureMode.ContextStall, $"explored with {f.ExploringCalls} calls ({Sequence(f)}), then stopped without {f.DeliverableName}")
            { Facts = new SignalFacts { Exploring = f.ExploringCalls, Count = f.Interventions } };
        var said = f.MainTexts.Count > 0 ? $": \"{TextPatterns.Short(f.MainTexts[f.MainTexts.Count - 1].Text, 100)}\"" : "";
        return new FailureSignal(FailureMode.HallucinatedContent, $"answered in text without reading the repository ({f.Trace.ToolCallCount} tool calls){said}")
        { Facts = new SignalFacts { Exploring = 0, Turn = f.MainTexts.Count > 0 ? f.MainTexts[f.MainTexts.Count - 1].Turn : null, Fabricated = true } };
    }

    private static string Sequence(RunFacts f)
    {
        var names = f.MainCalls.Select(c => c.Name).ToList();
        return names.Count <= 6 ? string.Join(" → ", names) : string.Join(" → ", names.Take(5)) + $" → … ({names.Count})";
    }

    private static string SubagentType(TraceToolCall call) => call.SubagentType ?? "no subagent_type";

    /// <summary>True when a tool call or a text of the trace came from inside the subagent call <paramref name="callId"/>.</summary>
    private static bool SubagentProducedAnything(RunTrace trace, string callId)
    {
        foreach (var call in trace.ToolCalls)
            if (call.ParentToolUseId == callId) return true;
        foreach (var text in trace.Texts)
            if (text.ParentToolUseId == callId) return true;
        return false;
    }

    private static string Names(IEnumerable<TraceToolCall> calls) => string.Join(", ", calls.Select(c => c.Name).Distinct().Take(5));

    private static IReadOnlyList<string> ToolList(IEnumerable<TraceToolCall> calls) => calls.Select(c => c.Name).Distinct().ToList();

    private static string LastSentence(string text)
    {
        var trimmed = text.TrimEnd();
        var cut = trimmed.Length > 1 ? trimmed.LastIndexOfAny(new[] { '.', '!', '?', '\n' }, trimmed.Length - 2) : -1;
        return trimmed.Substring(cut + 1).Trim();
    }

    private static string Status(int? status) => status is { } s ? s.ToString() : "(no status)";
    private static string StripPrefix(string message) => message.StartsWith("API Error: ", StringComparison.Ordinal) ? message.Substring(11).TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ' ') : message;
    private static string StripTag(string text) => text.Replace("<tool_use_error>", "").Replace("</tool_use_error>", "");
    private static string Short(string text, int max = 140) => TextPatterns.Short(text, max);

    // Classes, not tuples: lists and LINQ over a struct are generic code a fresh process compiles unoptimized at the
    // first run judged, and runs so for the whole import.
    private sealed record FailedDelegation(TraceToolCall Call, string Why);

    private sealed record Narration(TraceText Text, IReadOnlyList<string> Tools);
}
