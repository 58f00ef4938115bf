using KeyProjects.Domain.Projects;

namespace KeyProjects.Web.Features.Demo;

/// <summary>
/// The demo registry: for each place, how many 2023 key projects it has and, where an article prints them, the
/// totals they must add up to; and the projects the articles name. The rest are plausible projects built from the
/// local industries the articles describe.
/// </summary>
internal static class DemoCatalog
{
    /// <param name="TotalWan">Published total investment (万元), or null to make one up.</param>
    /// <param name="PlanWan">Published 2023 annual plan (万元), or null.</param>
    /// <param name="NewCount">Published number of 新建 projects, or null.</param>
    internal sealed record Place(string Org, int Count, decimal? TotalWan, decimal? PlanWan, int? NewCount, string Township, string[] Industries, Named[] Named);

    /// <param name="TotalYi">Total investment in 亿元 as the article prints it, or null.</param>
    internal sealed record Named(string Name, string Unit, decimal? TotalYi, Sector Sector, bool New, string Content, ProjectStage Stage = ProjectStage.UnderConstruction);

    public static readonly Place[] Places =
    [
        new("濮阳县", 56, 7_965_000m, 3_434_000m, 36, "濮阳县产业集聚区", ["绿色化工", "新型建材", "装备制造", "农副产品加工", "现代物流"], []),
        new("南乐县", 41, 2_613_500m, 1_200_300m, null, "南乐县产业集聚区", ["生物基材料", "新能源", "装备制造", "食品加工"],
        [
            new("龙都天仁年产5000吨聚乳酸中试项目", "河南龙都天仁生物材料有限公司", 3.2m, Sector.Industry, false, "建设年产5000吨聚乳酸中试生产线及配套设施，与东华科技合作开发聚乳酸成套技术"),
            new("星汉生物丙交酯聚乳酸合成项目", "濮阳星汉生物科技有限公司", 5.6m, Sector.AdvancedManufacturing, true, "引进哈尔滨工业大学丙交酯聚乳酸合成技术，建设丙交酯及聚乳酸生产线"),
            new("南乐县风储一体化项目", "南乐县新能源开发有限公司", 12.5m, Sector.Energy, true, "建设风电机组及配套储能电站", ProjectStage.Procedures),
            new("南乐县风氢一体化项目", "南乐县新能源开发有限公司", 9.8m, Sector.Energy, true, "建设风电制氢装置及加氢站", ProjectStage.Procedures),
        ]),
        new("清丰县", 18, null, null, null, "清丰县产业集聚区", ["实木家居", "食用菌", "装备制造", "新材料"], []),
        new("范县", 16, null, null, null, "范县产业集聚区", ["聚碳新材料", "丙烯", "药用玻璃", "化工物流"],
        [
            new("聚碳新材料科技园项目", "范县聚碳新材料科技园开发有限公司", 25m, Sector.Industry, false, "建设聚碳新材料科技园标准化厂房、研发中心及配套管廊"),
            new("药用包装产业园项目", "范县药用包装产业园有限公司", 8.5m, Sector.AdvancedManufacturing, false, "建设中硼硅药用玻璃管及药用包装生产线"),
            new("远东程益发泡聚苯乙烯项目", "河南远东程益新材料有限公司", 4.2m, Sector.Industry, false, "建设年产10万吨可发性聚苯乙烯生产线", ProjectStage.InProduction),
            new("光明化工N-甲基吡咯烷酮项目", "濮阳光明化工有限公司", 3.6m, Sector.Industry, false, "建设N-甲基吡咯烷酮生产装置", ProjectStage.InProduction),
            new("盛源科技顺酐项目", "濮阳盛源科技有限公司", 6.8m, Sector.Industry, false, "建设年产10万吨顺酐生产装置"),
            new("翰逸神飞催化剂项目", "河南翰逸神飞新材料有限公司", 2.5m, Sector.AdvancedManufacturing, false, "建设催化剂生产线及研发中心"),
            new("风光火储制氢一体化项目", "范县风光火储制氢有限公司", 60m, Sector.Energy, true, "建设风电、光伏、火电、储能及制氢一体化基地", ProjectStage.Procedures),
            new("国际化工物流港项目", "范县国际化工物流港有限公司", 30m, Sector.ModernServices, true, "建设危化品仓储、铁路专用线及物流信息平台"),
        ]),
        new("台前县", 12, null, null, null, "台前县产业集聚区", ["羽绒及服装", "汽车零部件", "新能源", "农副产品加工"], []),
        new("华龙区", 29, null, null, null, "华龙区产业园区", ["氢能", "医学大数据", "现代服务", "城市更新"],
        [
            new("中沁泰康氢能产业园项目", "濮阳中沁泰康氢能科技有限公司", 50m, Sector.Energy, false, "建设氢燃料电池发动机、储氢系统生产线及加氢站，4个月实现落地投产", ProjectStage.InProduction),
            new("国鸿氢能科技产业园项目", "濮阳国鸿氢能科技有限公司", 13.6m, Sector.Energy, true, "建设氢燃料电池电堆及系统生产线"),
            new("医学大数据产业园项目", "濮阳医学大数据产业园运营有限公司", 30m, Sector.ModernServices, true, "与濮阳大数据与人工智能研究院共建一库、一院、一园、一中心"),
            new("氢能研究院项目", "濮阳市华龙区氢能研究院", 3m, Sector.SocialUndertakings, false, "建设氢能研究院研发楼、检测中心及中试平台"),
            new("海德利森氢能装备项目", "濮阳海德利森氢能装备有限公司", 15m, Sector.AdvancedManufacturing, true, "建设加氢站成套装备及高压储氢装备生产线", ProjectStage.Procedures),
        ]),
        new("经开区", 14, null, null, null, "濮阳经济技术开发区", ["化工新材料", "装备制造", "新一代信息技术"],
        [
            new("中科濮原MMA项目", "濮阳中科濮原新材料有限公司", 20m, Sector.Industry, true, "建设年产10万吨甲基丙烯酸甲酯（MMA）生产装置"),
            new("迈奇化学新材料产业园项目", "河南迈奇化学有限公司", 18m, Sector.Industry, false, "建设N-甲基吡咯烷酮、电子级溶剂等新材料生产线"),
            new("京东数字经济产业园项目", "濮阳京东数字经济产业园有限公司", 10m, Sector.ModernServices, false, "建设数字经济产业园、云计算中心及电商运营中心"),
            new("中原乙烯PSA制氢项目", "中原石化濮阳分公司", 2.8m, Sector.Energy, true, "建设变压吸附（PSA）提纯制氢装置"),
        ]),
        new("城乡一体化示范区", 10, null, null, null, "濮阳市城乡一体化示范区", ["大数据", "先进制造", "基础设施", "社会事业"],
        [
            new("市大数据智慧生态园项目", "濮阳市大数据智慧生态园发展有限公司", 12m, Sector.ModernServices, false, "建设数据中心、孵化载体及智慧城市运营中心"),
        ]),
        new("工业园区", 12, null, null, null, "濮阳工业园区", ["生物能源", "新材料", "涂料", "精细化工"],
        [
            new("君恒生物年产30万吨生物新能源项目", "濮阳君恒生物科技有限公司", 10m, Sector.Energy, false, "建设年产30万吨生物柴油及生物航煤装置，废弃动植物油加氢处理工艺，4个月建成投产", ProjectStage.InProduction),
            new("恩赢苯并噁嗪树脂项目", "濮阳恩赢高分子材料有限公司", 5m, Sector.AdvancedManufacturing, false, "与山东大学合作，建设全国最大的苯并噁嗪树脂生产线", ProjectStage.InProduction),
            new("展辰新材料项目", "河南展辰新材料有限公司", 6m, Sector.Industry, false, "建设水性涂料及树脂生产线", ProjectStage.InProduction),
            new("航民甲胺项目", "濮阳航民化工有限公司", 4.5m, Sector.Industry, false, "建设甲胺及下游产品生产装置"),
            new("三棵树涂料项目", "三棵树（濮阳）新材料有限公司", 8m, Sector.Industry, true, "建设建筑涂料、防水材料生产基地"),
            new("保立佳项目", "濮阳保立佳新材料有限公司", 5.5m, Sector.Industry, true, "建设丙烯酸乳液生产线"),
            new("大禹防水项目", "大禹（濮阳）防水科技有限公司", 3.5m, Sector.Industry, true, "建设改性沥青防水卷材生产线"),
        ]),
        new("荥阳市", 15, null, null, null, "荥阳市先进制造业开发区", ["装备制造", "新材料", "现代物流", "文旅"], []),
        new("邓州市", 8, null, null, null, "邓州市产业集聚区", ["现代物流", "纺织服装", "生物材料", "装备制造"],
        [
            new("京东智慧物流港项目", "邓州京东智慧物流有限公司", 26m, Sector.ModernServices, false, "建设全国县级最大的京东物流云仓及智慧物流园区"),
            new("河南益广内衣项目", "河南益广内衣有限公司", 3m, Sector.Industry, false, "建设内衣智能化生产车间，从落地到投产仅用八个月", ProjectStage.InProduction),
            new("金碧生物材料项目", "邓州市金碧生物材料科技有限公司", 2m, Sector.AdvancedManufacturing, true, "建设生物基材料生产线，从签约到投产只用了45天", ProjectStage.InProduction),
        ]),
        new("漯河市", 6, null, null, null, "漯河经济技术开发区", ["食品", "装备制造", "现代物流"],
        [
            new("金大地项目", "漯河金大地化工有限公司", 120m, Sector.Industry, true, "建设新材料循环经济产业园"),
        ]),
        new("驻马店市", 8, null, null, null, "驻马店经济开发区", ["装备制造", "农产品加工", "新能源汽车零部件"], []),
    ];

    /// <summary>Project names for the generated part, by the place's industries.</summary>
    public static readonly Dictionary<string, (string[] Names, Sector Sector)> ByIndustry = new()
    {
        ["绿色化工"] = (["年产20万吨可降解材料", "精细化工循环经济", "电子化学品", "化工园区公用管廊"], Sector.Industry),
        ["新型建材"] = (["装配式建筑构件", "绿色建材产业园", "新型墙体材料"], Sector.Industry),
        ["装备制造"] = (["智能装备制造产业园", "石油装备再制造", "高端阀门生产线", "起重装备智能化改造"], Sector.AdvancedManufacturing),
        ["农副产品加工"] = (["农副产品精深加工", "冷链物流中心", "优质小麦加工"], Sector.Agriculture),
        ["现代物流"] = (["公铁联运物流园", "智慧物流仓储中心", "电商快递分拨中心"], Sector.ModernServices),
        ["生物基材料"] = (["生物基新材料产业园", "聚乳酸制品", "秸秆综合利用"], Sector.Industry),
        ["新能源"] = (["分布式光伏发电", "新能源储能电站", "生物质热电联产"], Sector.Energy),
        ["食品加工"] = (["预制菜产业园", "休闲食品生产线", "中央厨房"], Sector.Industry),
        ["实木家居"] = (["实木家居产业园", "定制家居智能工厂", "家居物流中心"], Sector.Industry),
        ["食用菌"] = (["食用菌工厂化生产", "菌棒生产基地"], Sector.Agriculture),
        ["新材料"] = (["特种树脂", "高性能复合材料", "电子新材料"], Sector.AdvancedManufacturing),
        ["聚碳新材料"] = (["聚碳酸酯改性", "聚碳新材料下游制品"], Sector.Industry),
        ["丙烯"] = (["丙烯下游产业链", "聚丙烯专用料"], Sector.Industry),
        ["药用玻璃"] = (["中硼硅药用玻璃", "药用包装材料"], Sector.AdvancedManufacturing),
        ["化工物流"] = (["危化品仓储中心", "化工铁路专用线"], Sector.ModernServices),
        ["羽绒及服装"] = (["羽绒及制品产业园", "服装智能制造", "羽绒交易中心"], Sector.Industry),
        ["汽车零部件"] = (["汽车零部件产业园", "汽车线束生产线"], Sector.AdvancedManufacturing),
        ["氢能"] = (["氢燃料电池汽车示范运营", "加氢站建设", "氢能装备检测中心"], Sector.Energy),
        ["医学大数据"] = (["智慧医疗创新中心", "医疗器械检验检测中心"], Sector.ModernServices),
        ["现代服务"] = (["商业综合体", "总部经济大厦", "文化创意街区"], Sector.ModernServices),
        ["城市更新"] = (["老旧小区改造", "城市道路提升", "雨污分流改造", "城中村改造安置房"], Sector.Urbanisation),
        ["化工新材料"] = (["高端聚烯烃", "新型催化剂", "电子级溶剂"], Sector.Industry),
        ["新一代信息技术"] = (["5G产业园", "数据中心", "电子信息产业园"], Sector.ModernServices),
        ["大数据"] = (["大数据产业孵化园", "智慧城市运营中心"], Sector.ModernServices),
        ["先进制造"] = (["先进制造产业园标准化厂房", "精密制造"], Sector.AdvancedManufacturing),
        ["基础设施"] = (["主干道路网", "供水管网改造", "污水处理厂扩建", "综合管廊"], Sector.Infrastructure),
        ["社会事业"] = (["学校建设", "人民医院新院区", "养老服务中心", "体育中心"], Sector.SocialUndertakings),
        ["生物能源"] = (["生物柴油", "生物航煤"], Sector.Energy),
        ["涂料"] = (["水性涂料", "工业涂料"], Sector.Industry),
        ["精细化工"] = (["精细化工中间体", "医药中间体"], Sector.Industry),
        ["文旅"] = (["文旅融合示范区", "历史文化街区"], Sector.ModernServices),
        ["纺织服装"] = (["纺织服装产业园", "智能纺纱"], Sector.Industry),
        ["生物材料"] = (["生物材料产业园", "可降解制品"], Sector.AdvancedManufacturing),
        ["食品"] = (["食品产业园", "肉制品精深加工", "休闲食品智能工厂"], Sector.Industry),
        ["农产品加工"] = (["农产品精深加工", "粮食仓储物流"], Sector.Agriculture),
        ["新能源汽车零部件"] = (["新能源汽车电机", "动力电池配套"], Sector.AdvancedManufacturing),
    };

    /// <summary>Trade names for the generated companies: 濮阳县宏达新型墙体材料项目 reads like a ledger line.</summary>
    public static readonly string[] Brands = ["宏达", "恒通", "华信", "中原", "金晟", "龙腾", "瑞丰", "鑫源", "盛世", "天润", "永兴", "东方", "华泰", "博远", "国盛", "新奥", "润和", "德源", "海川", "嘉诚", "正泰", "汇丰", "中科", "豫能"];

    public static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "宋", "谢", "韩", "冯", "于", "董", "程", "曹"];
    public static readonly string[] GivenNames = ["建国", "卫东", "志强", "海涛", "红梅", "丽娟", "晓东", "国庆", "俊峰", "文博", "秀英", "振华", "明辉", "雪松", "玉兰", "永刚", "春燕", "立新", "晓光", "建华", "新民", "利民", "亚楠", "国栋"];
    public static readonly string[] LeaderTitles = ["副县长", "县委常委", "常务副县长", "县人大常委会副主任", "县政协副主席"];
}
