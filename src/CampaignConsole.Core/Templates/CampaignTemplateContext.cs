using Scriban;

namespace CampaignConsole.Core.Templates;

/// <summary>
/// A Liquid context with our filters over Scriban's builtins, and the clock the <c>date</c> filter reads "now" from.
/// One per render: a context holds render state and is not thread-safe.
/// </summary>
internal sealed class CampaignTemplateContext : LiquidTemplateContext
{
    public CampaignTemplateContext(TimeProvider clock)
    {
        Clock = clock;
        foreach (var (name, function) in LiquidFilters.Functions)
        {
            BuiltinObject.SetValue(name, function, true);
        }

        // Model keys are imported as written; should a .NET object ever be exposed, keep its member
        // names too instead of Scriban's default snake_case renaming.
        MemberRenamer = member => member.Name;
    }

    public TimeProvider Clock { get; }
}
