using CampaignConsole.Core.Common;

namespace CampaignConsole.Core.Delivery;

/// <summary>Wakes the dispatcher when a delivery is queued.</summary>
public sealed class DeliverySignal : WakeSignal;
