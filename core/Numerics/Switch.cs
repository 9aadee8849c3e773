namespace Functional.Numerics;

/// <summary>A compile-time switch: a generic loop over it is compiled once per value, without a test per element.</summary>
internal interface ISwitch
{
    /// <summary>Whether the switch is on.</summary>
    static abstract bool On { get; }
}

/// <summary>The switch on.</summary>
internal readonly struct SwitchOn : ISwitch
{
    /// <inheritdoc/>
    public static bool On => true;
}

/// <summary>The switch off.</summary>
internal readonly struct SwitchOff : ISwitch
{
    /// <inheritdoc/>
    public static bool On => false;
}
