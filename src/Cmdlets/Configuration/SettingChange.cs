namespace LocalModels.Configuration;

/// <summary>
/// One planned change of a server-level setting: where (Location), what it was and will be. Planned first so
/// the cmdlet can ask ShouldProcess before <see cref="ServerContextStore.Apply"/> or <see cref="DesktopAppSettings.Apply"/>.
/// </summary>
public sealed record SettingChange(ContextTarget Target, string Location, string Action, int? PreviousValue, int NewValue, string RestartAdvice);
