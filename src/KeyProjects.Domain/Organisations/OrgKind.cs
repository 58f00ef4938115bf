namespace KeyProjects.Domain.Organisations;

/// <summary>The kinds of node in the organisation tree (province → city → county/district/zone → department; project units).</summary>
public enum OrgKind
{
    Province = 1,
    City = 2,
    /// <summary>县 or 县级市 (荥阳市, 邓州市).</summary>
    County = 3,
    /// <summary>市辖区 (华龙区).</summary>
    District = 4,
    /// <summary>开发区, 示范区, 工业园区 — ranked together with counties in 濮阳.</summary>
    Zone = 5,
    /// <summary>乡镇/街道, ranked inside a district (华龙区 "赛马").</summary>
    Township = 6,
    /// <summary>A department or 责任单位 (发改委, 自然资源局 …).</summary>
    Department = 7,
    /// <summary>项目单位: the company or body building a project.</summary>
    ProjectUnit = 8,
}
