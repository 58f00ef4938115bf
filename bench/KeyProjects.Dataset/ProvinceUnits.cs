using KeyProjects.Domain.Organisations;

namespace KeyProjects.Dataset;

/// <summary>A region of the province-scale tree: its name (unique in the province, as ledgers name regions), kind and parent.</summary>
public sealed record UnitSpec(string Name, OrgKind Kind, string Parent, string DivisionCode, double Weight)
{
    /// <summary>The name without 市/县/区, as project names use it: 开封市 → 开封, 杞县 stays 杞县.</summary>
    public string Short => Name.Length > 2 && Name[^1] is '市' or '县' or '区' && Kind != OrgKind.Zone ? Name[..^1] : Name;
}

/// <summary>
/// The 200 regions that hold projects: the 18 cities of 河南省 and 182 counties, districts and development zones
/// under them. The places the app seeds on every start (濮阳市 and its nine units, 郑州市/荥阳市, 南阳市/邓州市 …)
/// are part of it and keep their seeded names and codes. Division codes of the added units are plausible, not official.
/// </summary>
public static class ProvinceUnits
{
    public const string Province = "河南省";
    public const int Count = 200;

    private sealed record City(string Name, string Code, string[] Counties, string[] Districts, string[] Zones);

    private static readonly City[] Cities =
    [
        new("郑州市", "410100", ["荥阳市", "中牟县", "巩义市", "新密市", "新郑市", "登封市"], ["中原区", "二七区", "管城回族区", "金水区", "上街区", "惠济区"],
            ["郑州航空港区", "郑东新区", "郑州高新区", "郑州经开区"]),
        new("开封市", "410200", ["杞县", "通许县", "尉氏县", "兰考县"], ["龙亭区", "顺河回族区", "鼓楼区", "禹王台区", "祥符区"], ["开封城乡一体化示范区"]),
        new("洛阳市", "410300", ["新安县", "栾川县", "嵩县", "汝阳县", "宜阳县", "洛宁县", "伊川县"],
            ["老城区", "西工区", "瀍河回族区", "涧西区", "偃师区", "孟津区", "洛龙区"], ["洛阳高新区", "洛阳经开区"]),
        new("平顶山市", "410400", ["宝丰县", "叶县", "鲁山县", "郏县", "舞钢市", "汝州市"], ["新华区", "卫东区", "石龙区", "湛河区"], ["平顶山高新区"]),
        new("安阳市", "410500", ["安阳县", "汤阴县", "滑县", "内黄县", "林州市"], ["文峰区", "北关区", "殷都区", "龙安区"], ["安阳高新区"]),
        new("鹤壁市", "410600", ["浚县", "淇县"], ["鹤山区", "山城区", "淇滨区"], ["鹤壁经开区"]),
        new("新乡市", "410700", ["新乡县", "获嘉县", "原阳县", "延津县", "封丘县", "卫辉市", "辉县市", "长垣市"], ["红旗区", "卫滨区", "凤泉区", "牧野区"],
            ["新乡高新区", "新乡经开区"]),
        new("焦作市", "410800", ["修武县", "博爱县", "武陟县", "温县", "沁阳市", "孟州市"], ["解放区", "中站区", "马村区", "山阳区"], ["焦作高新区"]),
        new("濮阳市", "410900", ["濮阳县", "南乐县", "清丰县", "范县", "台前县"], ["华龙区"], ["经开区", "城乡一体化示范区", "工业园区"]),
        new("许昌市", "411000", ["鄢陵县", "襄城县", "禹州市", "长葛市"], ["魏都区", "建安区"], ["许昌经开区", "许昌城乡一体化示范区"]),
        new("漯河市", "411100", ["舞阳县", "临颍县"], ["源汇区", "郾城区", "召陵区"], ["漯河经开区"]),
        new("三门峡市", "411200", ["渑池县", "卢氏县", "义马市", "灵宝市"], ["湖滨区", "陕州区"], ["三门峡经开区"]),
        new("南阳市", "411300", ["邓州市", "南召县", "方城县", "西峡县", "镇平县", "内乡县", "淅川县", "社旗县", "唐河县", "新野县", "桐柏县"],
            ["宛城区", "卧龙区"], ["南阳高新区"]),
        new("商丘市", "411400", ["民权县", "睢县", "宁陵县", "柘城县", "虞城县", "夏邑县", "永城市"], ["梁园区", "睢阳区"], ["商丘经开区"]),
        new("信阳市", "411500", ["罗山县", "光山县", "新县", "商城县", "固始县", "潢川县", "淮滨县", "息县"], ["浉河区", "平桥区"], ["信阳高新区", "信阳经开区"]),
        new("周口市", "411600", ["扶沟县", "西华县", "商水县", "沈丘县", "郸城县", "太康县", "鹿邑县", "项城市"], ["川汇区", "淮阳区"], ["周口经开区"]),
        new("驻马店市", "411700", ["西平县", "上蔡县", "平舆县", "正阳县", "确山县", "泌阳县", "汝南县", "遂平县", "新蔡县"], ["驿城区"], ["驻马店经开区"]),
        new("济源市", "419001", [], [], []),
    ];

    /// <summary>Codes the app's own place seed gives; everything else is numbered within its city.</summary>
    private static readonly Dictionary<string, string> SeededCodes = new()
    {
        ["荥阳市"] = "410182", ["邓州市"] = "411381", ["濮阳县"] = "410928", ["南乐县"] = "410923", ["清丰县"] = "410922", ["范县"] = "410926",
        ["台前县"] = "410927", ["华龙区"] = "410902", ["经开区"] = "410971", ["城乡一体化示范区"] = "410972", ["工业园区"] = "410973",
    };

    /// <summary>Every unit in creation order: each city before its children.</summary>
    public static IReadOnlyList<UnitSpec> All { get; } = Build();

    private static List<UnitSpec> Build()
    {
        var units = new List<UnitSpec>();
        // Weights spread the projects unevenly, as real ledgers are: a county holds about 100 projects, a district
        // fewer, a city's own list fewer still; a fixed pattern (not random) keeps the tree the same whatever the seed.
        var n = 0;
        foreach (var city in Cities)
        {
            units.Add(new UnitSpec(city.Name, OrgKind.City, Province, city.Code, 0.6));
            var prefix = city.Code[..4];
            var i = 0;
            foreach (var name in city.Districts)
                units.Add(new UnitSpec(name, OrgKind.District, city.Name, Code(name, prefix, 2 + i++), 0.7 + 0.1 * (n++ % 5)));
            i = 0;
            foreach (var name in city.Counties)
                units.Add(new UnitSpec(name, OrgKind.County, city.Name, Code(name, prefix, 21 + i++), 0.8 + 0.15 * (n++ % 7)));
            i = 0;
            foreach (var name in city.Zones)
                units.Add(new UnitSpec(name, OrgKind.Zone, city.Name, Code(name, prefix, 71 + i++), 0.5 + 0.1 * (n++ % 4)));
        }
        if (units.Count != Count) throw new InvalidOperationException($"The province has {units.Count} units, not {Count}.");
        if (units.Select(u => u.Name).Distinct().Count() != Count) throw new InvalidOperationException("Unit names must be unique in the province.");
        return units;
    }

    private static string Code(string name, string cityPrefix, int number) =>
        SeededCodes.TryGetValue(name, out var seeded) ? seeded : cityPrefix + number.ToString("00");
}
