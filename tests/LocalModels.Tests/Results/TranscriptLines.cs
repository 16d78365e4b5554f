namespace LocalModels.Tests.Results;

/// <summary>Minimal Claude Code transcript lines for the import's folder tests: a session's prompt and a subagent's tool call.</summary>
internal static class TranscriptLines
{
    public const string SessionLine = "{\"parentUuid\":null,\"isSidechain\":false,\"type\":\"user\",\"sessionId\":\"s1\",\"version\":\"2.1.328\",\"cwd\":\"/r\",\"timestamp\":\"2026-01-01T10:00:00Z\",\"message\":{\"role\":\"user\",\"content\":\"hello\"}}";

    /// <summary>An assistant line of subagent <paramref name="agent"/> making the Read call <paramref name="toolId"/>.</summary>
    public static string SubagentLine(string agent, string toolId) =>
        "{\"parentUuid\":null,\"isSidechain\":true,\"agentId\":\"" + agent + "\",\"type\":\"assistant\",\"sessionId\":\"s1\",\"timestamp\":\"2026-01-01T10:00:10Z\",\"message\":{\"id\":\"m-" + toolId + "\",\"model\":\"m\",\"content\":[{\"type\":\"tool_use\",\"id\":\"" + toolId + "\",\"name\":\"Read\",\"input\":{\"file_path\":\"/r/README.md\"}}],\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}";
}
