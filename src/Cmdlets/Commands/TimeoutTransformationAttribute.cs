using System;
using System.Globalization;
using System.Management.Automation;

namespace LocalModels.Commands;

/// <summary>
/// Lets -Timeout take a TimeSpan or a number of seconds. Without it PowerShell would turn 600 into 600 ticks.
/// </summary>
internal sealed class TimeoutTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            TimeSpan span => span,
            int seconds => TimeSpan.FromSeconds(seconds),
            long seconds => TimeSpan.FromSeconds(seconds),
            double seconds => TimeSpan.FromSeconds(seconds),
            decimal seconds => TimeSpan.FromSeconds((double)seconds),
            string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) => TimeSpan.FromSeconds(seconds),
            string text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) => span,
            _ => inputData,
        };
    }
}
