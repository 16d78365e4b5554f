using System;

namespace LocalModels.Simulation;

/// <summary>
/// A canned bad answer for one path, used to test how the module copes with a broken or odd server: a 500, a
/// garbage body, a slow answer. Remaining = how many requests it still applies to (null = until cleared).
/// </summary>
public sealed record SimulatorFault(int Status, string Body, string ContentType, TimeSpan Delay, int? Remaining);
