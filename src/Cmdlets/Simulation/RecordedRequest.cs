using System;
using System.Collections.Generic;

namespace LocalModels.Simulation;

/// <summary>A request as the simulator received it. Headers are kept so tests can prove no credential leaked.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset ReceivedAt);
