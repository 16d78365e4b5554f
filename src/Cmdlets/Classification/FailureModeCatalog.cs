using System.Collections.Generic;
using System.Linq;

namespace LocalModels.Classification;

/// <summary>What each failure mode means, why it usually happens and what to try, after the field report.</summary>
public static class FailureModeCatalog
{
    /// <summary>Every failure mode in precedence order.</summary>
    public static IReadOnlyList<FailureModeInfo> All { get; } = Build();

    public static FailureModeInfo Get(FailureMode mode) => All.First(info => info.Name == mode);

    private static IReadOnlyList<FailureModeInfo> Build()
    {
        var entries = new Dictionary<FailureMode, (string Description, string Cause, string Fix, string Example)>
        {
            [FailureMode.NoToolSupport] = (
                "The endpoint rejected the request because the model has no tool support (HTTP 400 \"does not support tools\").",
                "The model's template has no tools capability in Ollama (deepseek-r1, deepseek-coder-v2).",
                "Pick a model whose capabilities include tools (Get-OllamaModel shows them; Test-ClaudeLocal checks before a run).",
                "API Error 400: registry.ollama.ai/library/deepseek-r1:32b does not support tools"),
            [FailureMode.EndpointError] = (
                "The endpoint or the CLI failed for a reason outside the model: model not found, server down, 5xx.",
                "A misspelt or unpulled model, Ollama not running, a wrong ANTHROPIC_BASE_URL, an Ollama older than 0.14.",
                "Check the model name with Get-OllamaModel, start Ollama, and run Test-ClaudeLocal; retry after a 5xx.",
                "API error (no status) after 10 retries: API Error: Connection refused — a firewall or proxy may be blocking it (ECONNREFUSED)"),
            [FailureMode.Cancelled] = (
                "The user stopped the run (Ctrl+C) before it could be judged.",
                "An interrupted measurement.",
                "Run it again to completion; the partial run is kept for its timing only.",
                "stopped by the user after 2m10s"),
            [FailureMode.DiskLimit] = (
                "The model's commands wrote more to disk than a run may add (-MaxDiskUse, 10 GB by default), or brought a disk the run writes to under 1 GB free; the module stopped the run and deleted its copy.",
                "A runaway command: output redirected in a loop (yes > file), a huge download or generated file, a build that fills its output folder.",
                "Look at the trace's last Bash calls and the largest file named in the evidence; raise -MaxDiskUse only if the task really needs the space.",
                "the run's commands wrote 10.2 GB into its copy and temp folder, over the 10.0 GB a run may add (-MaxDiskUse); largest file app/out.log (10.1 GB)"),
            [FailureMode.MemoryThrash] = (
                "The model does not fit in memory: a large share sits in system RAM and it produces next to no tokens.",
                "The context window's KV cache pushes the model past GPU memory (cogito:32b at 128K loaded 64 GB, 41% CPU).",
                "Use a smaller context (Set-OllamaContext 65536 <model>) or a smaller model; a model should sit fully on the GPU.",
                "41% of the model in system RAM (64.0 GB loaded); 0 output tokens in 5m12s"),
            [FailureMode.Silent] = (
                "The model produced no output at all: no text, no tool call.",
                "A model too small or unable to process Claude Code's long system prompt (rnj-1:8b).",
                "Use a larger, coding-tuned model (devstral-small-2, qwen3-coder) and a context of 64K or more.",
                "no text and no tool calls in 2 turns; re-asked 1× after empty answers; 0 output tokens"),
            [FailureMode.Refuses] = (
                "The model declined the task without trying it: no tool call got anything done, and no failed call explains the refusal.",
                "A model too conservative or confused by the system prompt (functiongemma:270m).",
                "Use a larger general or coding model; tiny function-calling models cannot drive an agent.",
                "declined in turn 1 with 0 tool calls: \"I'm sorry, but I cannot help with creating files in this environment.\""),
            [FailureMode.NestedParams] = (
                "The model wrapped parameters as {\"tool_name\": ..., \"parameters\": {...}} instead of passing them flat.",
                "Trained on another tool-calling format (command-r).",
                "Use a model trained on Anthropic-style tool use; more context does not help (command-r kept failing at 64K).",
                "4 × nested input on Task, TodoWrite: {\"tool_name\":…,\"parameters\":…}; 4 failed validation"),
            [FailureMode.HallucinatedTools] = (
                "The model called tools that are not in the run's tool list.",
                "Small or general models invent tool names (phi4-mini, cogito:14b calling WebSearch).",
                "Use a larger coding-tuned model; check the run's ToolSet to see what was offered.",
                "called WebSearch2, FileSearch (not in the run's 22 tools)"),
            [FailureMode.HallucinatedParams] = (
                "The model invented parameter names or left out required ones, and did not correct them from the error.",
                "Knows tools exist but not their schemas (mistral-small3.2 calling Task with instruction/max_depth).",
                "Use an agentic model (devstral-small-2 is a Mistral model that works); Measure-ModelRun -StopOnFailure saves the wait on such runs.",
                "3 × InputValidationError on Agent: required parameter description missing; required parameter prompt missing"),
            [FailureMode.StuckOnSubagent] = (
                "Subagent (Agent/Task) calls failed or produced nothing, and the model could not carry on without them.",
                "The model insists on delegating to Explore and cannot adapt when that fails (qwen2.5-coder:32b).",
                "Use a model that recovers (qwen3-coder did); or offer fewer tools (claude --tools Bash,Read,Edit,Write).",
                "2 × Agent(Explore) failed: Agent type 'Explore' not found; ended without CLAUDE.md"),
            [FailureMode.NarratedTools] = (
                "The model wrote tool calls out as text and invoked none.",
                "Trained on tool documentation rather than tool use, or beyond its native context (magistral: 39K native).",
                "Use a model trained for tool calls; keep the context within the model's native window.",
                "1 turn(s) narrate Glob, Read with no tool call; 0 real tool calls: \"Let me use the Glob tool to find these patterns:\""),
            [FailureMode.ContextOverflow] = (
                "The conversation outgrew the model's context before the model went wrong: Ollama dropped the oldest messages (the task goes first) or cut the prompt, Claude Code compacted the conversation into a summary, or it refused to send a prompt that could not fit.",
                "num_ctx too small for Claude Code: its first request alone is about 14.5K tokens and it keeps a 33K auto-compact buffer (devstral at 4-16K made no tool call; at 32K it started, then invented content).",
                "Raise num_ctx to 64K or more (New-DevstralModelfile -ContextLength 65536, Set-OllamaContext 65536 <model>); Test-ClaudeLocal shows the working room a context leaves.",
                "turn 3: prompt 16,380 of 16,384 tokens, the oldest messages were dropped"),
            [FailureMode.ContextStall] = (
                "The model explored, then stopped without the deliverable (or only finished after a \"Continue\").",
                "Too small a context window: Ollama defaults to 4K; 32K is not enough for Claude Code (cogito:32b, granite4 at 32K).",
                "Raise num_ctx to 64K or more: Set-OllamaContext 65536 <model>, or New-DevstralModelfile -ContextLength 131072.",
                "explored with 3 calls (Glob → Bash → Read), then stopped without CLAUDE.md; last words: \"Let me start with writing the overview section first.\""),
            [FailureMode.HallucinatedContent] = (
                "The deliverable names files or commands that do not exist, was written without reading anything, or was printed instead of written. Made up (nothing read first, or most of its claims false): the run Failed; a few invented names after exploring: CompletedWithHallucinations.",
                "The model skips tools and guesses (qwen3:30b, granite4:3b), often with too small a context (nemotron at 4K).",
                "Use a coding-tuned model and a 64K+ context; verify with Import-ModelRun -RepositoryPath.",
                "CLAUDE.md after 1 exploring calls names 1 of 6 checked things that do not exist: missing file src/components/Toolbar.tsx"),
            [FailureMode.Timeout] = (
                "The run hit its time or turn limit and the trace shows no other cause.",
                "A slow model on this hardware (12-24 minutes is normal for /init on a 24-32B model), or a too-short limit.",
                "Give the run a longer time limit, or use a faster (smaller, fully on GPU) model.",
                "hit the time limit after 30m00s with 14 tool calls"),
        };
        return FailureModePrecedence.Order
            .Select((mode, i) => new FailureModeInfo(mode, i + 1, entries[mode].Description, entries[mode].Cause, entries[mode].Fix, entries[mode].Example))
            .ToList();
    }
}
