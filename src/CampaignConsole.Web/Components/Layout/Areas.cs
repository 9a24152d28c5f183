using MudBlazor;

namespace CampaignConsole.Web.Components.Layout;

/// <summary>A console area in the navigation. <see cref="Ready"/> false: shown, disabled, until it ships.</summary>
public sealed record Area(string Title, string Href, string Icon, bool Ready = true);

/// <summary>Every area of the console, so the navigation shows the whole product from day one.</summary>
internal static class Areas
{
    public static readonly Area[] Engage =
    [
        new("Campaigns", "campaigns", Icons.Material.Filled.Send),
        new("Segments", "segments", Icons.Material.Filled.Groups),
        new("Live", "live", Icons.Material.Filled.Sensors),
    ];

    public static readonly Area[] Data =
    [
        new("Customers", "customers", Icons.Material.Filled.Person),
        new("Event history", "events", Icons.Material.Filled.History),
        new("Event types", "event-types", Icons.Material.Filled.Category),
    ];

    public static readonly Area[] Settings =
    [
        new("Sources & keys", "settings/sources", Icons.Material.Filled.Key),
    ];
}
