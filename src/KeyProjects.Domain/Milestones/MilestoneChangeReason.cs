namespace KeyProjects.Domain.Milestones;

/// <summary>Why a milestone's planned date moved: coded, so that bulletins can count causes.</summary>
public enum MilestoneChangeReason
{
    /// <summary>手续审批延迟</summary>
    Approvals = 1,
    /// <summary>用地拆迁</summary>
    Land = 2,
    /// <summary>资金</summary>
    Funds = 3,
    /// <summary>设计变更</summary>
    DesignChange = 4,
    /// <summary>天气季节</summary>
    Weather = 5,
    /// <summary>上级调整</summary>
    Directive = 6,
    /// <summary>其他: needs a note.</summary>
    Other = 99,
}
