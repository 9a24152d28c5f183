using System.Text.Json;

namespace CampaignConsole.Core.Segments;

/// <summary>
/// An audience rule. Rules compose (all / any / not) over attribute rules (a profile trait) and
/// event-history rules ("did X at least N times in the last Y", "last did X N days ago").
/// </summary>
public abstract record Rule;

public sealed record AllRule(IReadOnlyList<Rule> Rules) : Rule;

public sealed record AnyRule(IReadOnlyList<Rule> Rules) : Rule;

public sealed record NotRule(Rule Rule) : Rule;

/// <summary>A trait of the profile compared with a value (`plan eq gold`).</summary>
public sealed record AttributeRule(string Attribute, CompareOp Op, JsonElement Value) : Rule;

/// <summary>"Did <see cref="Event"/> (matching <see cref="Where"/>) Count times within the last Within".</summary>
public sealed record EventCountRule(string Event, CompareOp CountOp, long CountValue, TimeSpan? Within, IReadOnlyList<FieldCondition> Where) : Rule;

/// <summary>Days since the contact last did <see cref="Event"/>; never having done it matches nothing.</summary>
public sealed record LastEventRule(string Event, CompareOp Op, double Days) : Rule;

/// <summary>A condition on an event context field. A string value `$field` names a field of the triggering event.</summary>
public sealed record FieldCondition(string Field, CompareOp Op, JsonElement Value);

public enum CompareOp { Eq, Neq, Gt, Gte, Lt, Lte, Contains, Exists, In }
