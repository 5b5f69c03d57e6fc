// Word lists for the demo shop generator (shop.ts): the parts that Taobao product titles are built
// from, the SKU dimensions (颜色分类 × 尺码, 规格 …) with the short codes that go into 商家编码, cost
// ranges and notes. Pure data; all randomness lives in shop.ts.

/** One value of a SKU dimension: its text in the spec, its part of the 商家编码, a price step. */
export interface SpecOption {
  text: string;
  code: string;
  /** Extra selling price in yuan over the product's base price (bigger sizes, more pieces). */
  extraYuan?: number;
}

/** A SKU dimension such as 颜色分类 or 尺码; `pick` is how many values a product offers. */
export interface SpecDim {
  label: string;
  options: readonly SpecOption[];
  pick: readonly [min: number, max: number];
  /** Sizes are offered as a contiguous run (M–XL), colours as any subset. */
  contiguous?: boolean;
}

type Words = Readonly<Record<string, readonly string[]>>;

/** A kind of product (短袖T恤, 四件套 …): how its titles, specs, codes and prices look. */
export interface ProductKind {
  category: string;
  /** Prefix of the 款号 and 商家编码, unique per kind: TX → TX2026-001, TX2026-001-WH-XL. */
  code: string;
  /** Relative frequency in the shop. */
  weight: number;
  /** Seasons the kind is sold for; empty for goods that are not seasonal. */
  seasons: readonly string[];
  /** Title templates; `{name}` is filled from `words` (and `{ys}` with year/season/新款). */
  templates: readonly string[];
  words: Words;
  /** Words that depend on the season (珊瑚绒 in winter, 冰丝 in summer). */
  bySeason?: Readonly<Record<string, Words>>;
  dims: readonly SpecDim[];
  /** Cost range in yuan, and the range of price/cost. */
  cost: readonly [number, number];
  markup: readonly [number, number];
}

/** Colour names and their two-letter codes (unique: they go into 商家编码). */
export const COLOURS: Readonly<Record<string, string>> = {
  白色: 'WH',
  黑色: 'BK',
  灰色: 'GY',
  深灰色: 'DG',
  浅灰色: 'LG',
  藏青色: 'NV',
  卡其色: 'KH',
  军绿色: 'AG',
  浅蓝色: 'LB',
  雾霾蓝: 'HB',
  杏色: 'AP',
  米白色: 'IV',
  奶白色: 'MW',
  燕麦色: 'OM',
  奶咖色: 'MC',
  焦糖色: 'CA',
  酒红色: 'WR',
  粉色: 'PK',
  樱花粉: 'SP',
  灰粉色: 'DP',
  香芋紫: 'TP',
  牛油果绿: 'AV',
  墨绿色: 'FG',
  薄荷绿: 'MT',
  姜黄色: 'GD',
  咖啡色: 'CF',
  碎花蓝: 'FB',
  碎花黄: 'FY',
  简约格: 'SG',
  小雏菊: 'DA',
  条纹灰: 'SR',
  透明: 'CL',
  琥珀色: 'AM',
  烟灰色: 'SM',
  原木色: 'NW',
};

function colours(...names: string[]): SpecOption[] {
  return names.map((text) => {
    const code = COLOURS[text];
    if (!code) throw new Error(`No code for colour ${text}`);
    return { text, code };
  });
}

const opts = (list: readonly (readonly [string, string, number?])[]): SpecOption[] =>
  list.map(([text, code, extraYuan]) => (extraYuan ? { text, code, extraYuan } : { text, code }));

const colour = (names: string[], pick: readonly [number, number]): SpecDim => ({
  label: '颜色分类',
  options: colours(...names),
  pick,
});

const MEN_COLOURS = [
  '白色',
  '黑色',
  '灰色',
  '藏青色',
  '卡其色',
  '军绿色',
  '浅蓝色',
  '杏色',
  '酒红色',
  '燕麦色',
];
const WOMEN_COLOURS = [
  '白色',
  '黑色',
  '杏色',
  '粉色',
  '雾霾蓝',
  '香芋紫',
  '牛油果绿',
  '碎花蓝',
  '奶咖色',
  '米白色',
];
const PJ_COLOURS = ['樱花粉', '雾霾蓝', '燕麦色', '灰粉色', '条纹灰', '小雏菊', '藏青色', '奶咖色'];
const BED_COLOURS = [
  '奶白色',
  '燕麦色',
  '雾霾蓝',
  '灰粉色',
  '简约格',
  '小雏菊',
  '牛油果绿',
  '条纹灰',
  '奶咖色',
];
const CUP_COLOURS = ['奶白色', '雾霾蓝', '薄荷绿', '樱花粉', '黑色', '姜黄色', '墨绿色'];
const HOME_COLOURS = ['灰色', '米白色', '浅蓝色', '卡其色', '墨绿色', '粉色', '咖啡色', '原木色'];

const MEN_TOP = opts([
  ['M', 'M'],
  ['L', 'L'],
  ['XL', 'XL'],
  ['2XL', '2XL'],
  ['3XL', '3XL', 5],
  ['4XL', '4XL', 10],
]);
const WOMEN_SIZES = opts([
  ['S', 'S'],
  ['M', 'M'],
  ['L', 'L'],
  ['XL', 'XL'],
  ['2XL', '2XL', 5],
]);
const WAIST = opts([
  ['28', '28'],
  ['29', '29'],
  ['30', '30'],
  ['31', '31'],
  ['32', '32'],
  ['33', '33'],
  ['34', '34'],
  ['36', '36', 5],
]);
const PJ_SIZES = opts([
  ['M', 'M'],
  ['L', 'L'],
  ['XL', 'XL'],
  ['XXL', 'XXL', 10],
]);
const BED_SIZES = opts([
  ['1.2m床', '12'],
  ['1.5m床', '15', 20],
  ['1.8m床', '18', 40],
  ['2.0m床', '20', 60],
]);
const QUILT_SIZES = opts([
  ['150x200cm', '1520'],
  ['200x230cm', '2023', 30],
  ['220x240cm', '2224', 50],
]);
const BLANKET_SIZES = opts([
  ['100x150cm', '1015'],
  ['150x200cm', '1520', 30],
  ['180x200cm', '1820', 50],
  ['200x230cm', '2023', 70],
]);

const size = (options: SpecOption[], pick: readonly [number, number], label = '尺码'): SpecDim => ({
  label,
  options,
  pick,
  contiguous: true,
});

/** The kinds of product in the shop, by category. */
export const KINDS: readonly ProductKind[] = [
  // ------------------------------------------------------------------------------------ 男装
  {
    category: '男装',
    code: 'TX',
    weight: 6,
    seasons: ['夏季', '夏装', '夏天'],
    templates: [
      '{ys}{material}{neck}短袖T恤男{fit}{style}{alias}',
      '{ys}{style}{material}短袖T恤男士{neck}{fit}{alias}',
    ],
    words: {
      material: ['纯棉', '重磅纯棉', '精梳棉', '冰丝', '莫代尔', '新疆棉'],
      neck: ['圆领', 'V领', '半高领', ''],
      fit: ['宽松', '修身', 'oversize', '大码'],
      style: ['百搭', '纯色', '潮牌', '简约', '美式复古', 'ins潮流', '日系'],
      alias: ['半袖上衣', '打底衫', '体恤', '上衣', '五分袖'],
    },
    dims: [colour(MEN_COLOURS, [1, 3]), size(MEN_TOP, [2, 4])],
    cost: [18, 45],
    markup: [2.0, 3.2],
  },
  {
    category: '男装',
    code: 'CS',
    weight: 3,
    seasons: ['春季', '春秋', '秋季'],
    templates: [
      '{ys}{material}{sleeve}衬衫男士{feature}{style}{alias}',
      '{ys}{style}{sleeve}衬衫男{material}{feature}{alias}',
    ],
    words: {
      material: ['纯棉', '亚麻', '牛津纺', '天丝', '棉麻'],
      sleeve: ['长袖', '短袖'],
      feature: ['免烫', '抗皱', '垂感', '弹力'],
      style: ['商务休闲', '韩版修身', '宽松', '纯色', '条纹', '格子'],
      alias: ['衬衣', '寸衫', '外套', '上衣'],
    },
    dims: [colour(['白色', '浅蓝色', '黑色', '藏青色', '灰色', '卡其色'], [1, 3]), size(MEN_TOP, [2, 4])],
    cost: [35, 80],
    markup: [2.0, 3.0],
  },
  {
    category: '男装',
    code: 'XK',
    weight: 3,
    seasons: ['夏季', '春秋', '秋冬'],
    templates: ['{ys}{material}休闲裤男{fit}{leg}{style}{alias}'],
    words: {
      fit: ['宽松', '修身', '大码'],
      leg: ['直筒', '束脚', '九分', '阔腿'],
      style: ['百搭', '潮流', '商务', '工装风'],
      alias: ['长裤', '裤子', '运动裤', '西裤'],
    },
    bySeason: {
      夏季: { material: ['冰丝', '速干', '薄款'] },
      春秋: { material: ['纯棉', '弹力', '工装'] },
      秋冬: { material: ['加绒', '加厚', '灯芯绒'] },
    },
    dims: [colour(['黑色', '卡其色', '灰色', '藏青色', '军绿色'], [1, 3]), size(WAIST, [3, 5])],
    cost: [40, 85],
    markup: [2.0, 2.8],
  },
  {
    category: '男装',
    code: 'WY',
    weight: 3,
    seasons: ['春秋', '秋冬', '秋季'],
    templates: ['{ys}{weight}{material}卫衣男{neck}{style}{fit}{alias}'],
    words: {
      material: ['纯棉', '华夫格', '毛圈', ''],
      neck: ['连帽', '圆领', '半拉链'],
      style: ['美式', '潮牌', '纯色', '复古', '字母印花'],
      fit: ['宽松', 'oversize', '大码'],
      alias: ['上衣外套', '套头衫', '打底衫', '外套'],
    },
    bySeason: {
      春秋: { weight: ['薄款', '重磅', ''] },
      秋冬: { weight: ['加绒加厚', '重磅', '加绒'] },
      秋季: { weight: ['重磅', '薄款', ''] },
    },
    dims: [colour(MEN_COLOURS, [1, 3]), size(MEN_TOP, [2, 4])],
    cost: [45, 110],
    markup: [1.9, 2.8],
  },
  {
    category: '男装',
    code: 'JK',
    weight: 2,
    seasons: ['春秋', '秋冬', '春季'],
    templates: ['{ys}{style}夹克男{material}{feature}{alias}'],
    words: {
      style: ['工装', '棒球服', '立领', '飞行员', '机车'],
      material: ['纯棉', '灯芯绒', '牛仔', '防风'],
      feature: ['宽松', '休闲', '百搭', '商务'],
      alias: ['外套', '上衣', '外衣', '开衫'],
    },
    dims: [colour(['黑色', '卡其色', '军绿色', '藏青色', '咖啡色'], [1, 3]), size(MEN_TOP, [2, 4])],
    cost: [70, 160],
    markup: [1.9, 2.6],
  },
  {
    category: '男装',
    code: 'PL',
    weight: 2,
    seasons: ['夏季', '夏天'],
    templates: ['{ys}{material}POLO衫男{sleeve}{collar}{style}{alias}'],
    words: {
      material: ['冰丝', '纯棉', '珠地棉', '速干'],
      sleeve: ['短袖', '长袖'],
      collar: ['翻领', '立领'],
      style: ['商务休闲', '中年爸爸装', '纯色', '高端'],
      alias: ['T恤', '上衣', '保罗衫'],
    },
    dims: [colour(['白色', '黑色', '藏青色', '酒红色', '灰色', '浅蓝色'], [1, 3]), size(MEN_TOP, [2, 4])],
    cost: [30, 70],
    markup: [2.0, 3.0],
  },
  {
    category: '男装',
    code: 'NZ',
    weight: 2,
    seasons: ['春秋', '夏季', '秋冬'],
    templates: ['{ys}{thick}牛仔裤男{fit}{leg}{style}{alias}'],
    words: {
      fit: ['宽松', '修身', '弹力', '大码'],
      leg: ['直筒', '小脚', '阔腿', '九分'],
      style: ['百搭', '潮牌', '复古', '高街'],
      alias: ['长裤', '裤子', '休闲裤'],
    },
    bySeason: {
      春秋: { thick: ['弹力', '', '高腰'] },
      夏季: { thick: ['薄款', '冰丝', ''] },
      秋冬: { thick: ['加绒', '加厚', ''] },
    },
    dims: [colour(['浅蓝色', '雾霾蓝', '黑色', '灰色'], [1, 3]), size(WAIST, [3, 5])],
    cost: [45, 95],
    markup: [2.0, 2.8],
  },
  // ------------------------------------------------------------------------------------ 女装
  {
    category: '女装',
    code: 'LQ',
    weight: 5,
    seasons: ['夏季', '春季', '秋季'],
    templates: [
      '{ys}{style}{material}连衣裙女{length}{feature}{alias}',
      '{style}{material}连衣裙{ys}女装{feature}{length}{alias}',
    ],
    words: {
      style: ['法式', '温柔风', '碎花', '气质', '小清新', '复古', '新中式'],
      material: ['雪纺', '棉麻', '针织', '纯棉', '醋酸', ''],
      length: ['中长款', '长裙', '短款', ''],
      feature: ['收腰显瘦', '方领泡泡袖', '高级感', 'V领', '小个子'],
      alias: ['裙子', '茶歇裙', '长裙', '仙女裙'],
    },
    dims: [colour(WOMEN_COLOURS, [1, 3]), size(WOMEN_SIZES, [2, 4])],
    cost: [50, 130],
    markup: [2.0, 3.0],
  },
  {
    category: '女装',
    code: 'BQ',
    weight: 2,
    seasons: ['夏季', '春秋', '秋冬'],
    templates: ['{ys}{material}半身裙女{shape}{length}{style}{alias}'],
    words: {
      material: ['雪纺', '牛仔', '针织', '西装', '缎面'],
      shape: ['A字', '高腰', '百褶', '包臀', '鱼尾'],
      length: ['中长款', '短裙', '长款'],
      style: ['显瘦', '垂感', '百搭', '气质'],
      alias: ['裙子', '伞裙', '半裙'],
    },
    dims: [colour(['黑色', '杏色', '雾霾蓝', '奶咖色', '米白色'], [1, 3]), size(WOMEN_SIZES, [2, 4])],
    cost: [35, 80],
    markup: [2.0, 3.0],
  },
  {
    category: '女装',
    code: 'ZK',
    weight: 2,
    seasons: ['春秋', '秋冬', '春季'],
    templates: ['{ys}{material}针织开衫女{feature}{style}{alias}'],
    words: {
      material: ['羊毛', '软糯', '冰丝', '纯棉', '马海毛'],
      feature: ['外搭薄款', '短款', '宽松', 'V领'],
      style: ['温柔风', '慵懒风', '百搭', '韩版'],
      alias: ['毛衣外套', '针织衫', '上衣'],
    },
    dims: [
      colour(['米白色', '燕麦色', '黑色', '灰粉色', '雾霾蓝', '焦糖色'], [1, 3]),
      size(WOMEN_SIZES, [2, 4]),
    ],
    cost: [40, 100],
    markup: [2.0, 2.9],
  },
  {
    category: '女装',
    code: 'KT',
    weight: 2,
    seasons: ['夏季', '春秋', '秋冬'],
    templates: ['{ys}{material}阔腿裤女{feature}{style}{alias}'],
    words: {
      feature: ['高腰垂感', '直筒拖地', '九分', '松紧腰'],
      style: ['显瘦', '宽松', '百搭', '小个子'],
      alias: ['休闲裤', '西装裤', '长裤', '裤子'],
    },
    bySeason: {
      夏季: { material: ['冰丝', '雪纺', '棉麻'] },
      春秋: { material: ['西装', '垂感', '针织'] },
      秋冬: { material: ['加绒', '毛呢', '加厚'] },
    },
    dims: [colour(['黑色', '杏色', '灰色', '卡其色', '米白色'], [1, 3]), size(WOMEN_SIZES, [2, 4])],
    cost: [40, 90],
    markup: [2.0, 2.8],
  },
  {
    category: '女装',
    code: 'NT',
    weight: 3,
    seasons: ['夏季', '夏装', '夏天'],
    templates: ['{ys}{material}短袖T恤女{fit}{style}{feature}{alias}'],
    words: {
      material: ['纯棉', '新疆棉', '莫代尔', '冰丝'],
      fit: ['宽松', '修身', '短款', '中长款'],
      style: ['百搭', 'ins潮', '韩版', '简约', '印花'],
      feature: ['圆领', '字母', '小众设计感', ''],
      alias: ['上衣', '打底衫', '体恤', '半袖'],
    },
    dims: [colour(WOMEN_COLOURS, [1, 3]), size(WOMEN_SIZES, [2, 4])],
    cost: [18, 40],
    markup: [2.2, 3.4],
  },
  {
    category: '女装',
    code: 'XF',
    weight: 2,
    seasons: ['夏季', '春夏'],
    templates: ['{ys}雪纺衫女{sleeve}{feature}{style}{alias}'],
    words: {
      sleeve: ['短袖', '长袖', '泡泡袖', '无袖'],
      feature: ['V领', '娃娃领', '蝴蝶结', '荷叶边'],
      style: ['洋气', '小衫', '气质', '仙女'],
      alias: ['上衣', '衬衫', '打底衫'],
    },
    dims: [colour(['白色', '杏色', '碎花黄', '碎花蓝', '黑色', '粉色'], [1, 3]), size(WOMEN_SIZES, [2, 4])],
    cost: [28, 60],
    markup: [2.2, 3.2],
  },
  // ---------------------------------------------------------------------------------- 家居服
  {
    category: '家居服',
    code: 'SY',
    weight: 3,
    seasons: ['夏季', '春秋', '冬季'],
    templates: [
      '{ys}{material}睡衣女{sleeve}{feature}家居服套装{alias}',
      '{season}{material}睡衣女士{sleeve}家居服{feature}{alias}',
    ],
    words: {
      feature: ['可外穿', '宽松', '开衫', '少女风', '卡通'],
      alias: ['两件套', '睡衣套装', ''],
    },
    bySeason: {
      夏季: { material: ['冰丝', '莫代尔', '纯棉'], sleeve: ['短袖', '吊带', '七分袖'] },
      春秋: { material: ['纯棉', '莫代尔', '针织棉'], sleeve: ['长袖'] },
      冬季: { material: ['珊瑚绒', '法兰绒', '加厚夹棉'], sleeve: ['长袖'] },
    },
    dims: [colour(PJ_COLOURS, [1, 3]), size(PJ_SIZES, [2, 4])],
    cost: [40, 110],
    markup: [2.0, 2.8],
  },
  {
    category: '家居服',
    code: 'SM',
    weight: 2,
    seasons: ['夏季', '春秋', '冬季'],
    templates: ['{ys}{material}睡衣男士{sleeve}{feature}家居服{alias}'],
    words: {
      feature: ['宽松', '大码', '开衫', '中年'],
      alias: ['套装', '两件套', ''],
    },
    bySeason: {
      夏季: { material: ['冰丝', '纯棉', '莫代尔'], sleeve: ['短袖', '短裤'] },
      春秋: { material: ['纯棉', '针织棉'], sleeve: ['长袖'] },
      冬季: { material: ['珊瑚绒', '法兰绒', '加厚'], sleeve: ['长袖'] },
    },
    dims: [colour(['藏青色', '灰色', '条纹灰', '咖啡色', '黑色'], [1, 3]), size(PJ_SIZES, [2, 4])],
    cost: [40, 100],
    markup: [2.0, 2.8],
  },
  // ------------------------------------------------------------------------------------ 床品
  {
    category: '床品',
    code: 'SJ',
    weight: 4,
    seasons: ['冬季', '夏季', '四季'],
    templates: [
      '{feature}{material}四件套{season}{use}',
      '{style}{material}四件套{feature}{use}',
      '{ys}{material}床上四件套{feature}{use}',
    ],
    words: {
      style: ['ins风', '北欧简约', '日式', '法式', '公主风'],
    },
    bySeason: {
      冬季: {
        material: ['珊瑚绒', '牛奶绒', '法兰绒', '水晶绒'],
        feature: ['加厚', '保暖', '双面绒'],
        use: ['保暖床单被套', '冬天被罩床笠款'],
      },
      夏季: {
        material: ['冰丝', '天丝', '水洗棉', '纯棉'],
        feature: ['凉感', '裸睡', '轻薄'],
        use: ['床单被套', '夏天床上用品'],
      },
      四季: {
        material: ['全棉', '纯棉', '长绒棉', '磨毛'],
        feature: ['100支', '简约', 'ins风', '北欧风'],
        use: ['床单被套', '被罩床上用品', '床笠款'],
      },
    },
    dims: [colour(BED_COLOURS, [1, 3]), size(BED_SIZES, [2, 3], '适用床尺寸')],
    cost: [80, 220],
    markup: [1.8, 2.6],
  },
  {
    category: '床品',
    code: 'LB',
    weight: 2,
    seasons: ['夏季', '夏天'],
    templates: ['{material}夏凉被{feature}{style}{alias}', '{ys}{material}空调被{feature}{alias}'],
    words: {
      material: ['纯棉', '冰丝', '天丝', '水洗棉', '大豆纤维'],
      feature: ['可机洗', '单双人', '薄款', '儿童'],
      style: ['ins风', '简约', '卡通'],
      alias: ['被子', '被芯', '薄被'],
    },
    dims: [colour(BED_COLOURS, [1, 3]), size(QUILT_SIZES, [2, 3], '尺寸')],
    cost: [50, 120],
    markup: [1.9, 2.6],
  },
  {
    category: '床品',
    code: 'ZT',
    weight: 2,
    seasons: [],
    templates: ['{feature}{material}枕头{use}{alias}'],
    words: {
      feature: ['护颈椎', '助睡眠', '五星级酒店', '低枕'],
      material: ['乳胶', '荞麦', '羽丝绒', '记忆棉'],
      use: ['家用', '单人', '学生宿舍'],
      alias: ['枕芯', '枕头芯', '护颈枕'],
    },
    dims: [
      size(
        opts([
          ['单只装', '1P'],
          ['一对装', '2P', 30],
        ]),
        [1, 2],
        '规格',
      ),
    ],
    cost: [15, 45],
    markup: [2.0, 3.0],
  },
  {
    category: '床品',
    code: 'CL',
    weight: 2,
    seasons: [],
    templates: ['{material}床笠单件{feature}{style}{alias}'],
    words: {
      material: ['纯棉', '全棉', '磨毛', '天丝'],
      feature: ['防滑', '加高', '全包'],
      style: ['简约', '纯色', 'ins风'],
      alias: ['床罩', '席梦思保护套', '床垫套'],
    },
    dims: [colour(BED_COLOURS, [1, 3]), size(BED_SIZES, [2, 3], '适用床尺寸')],
    cost: [25, 60],
    markup: [2.0, 2.8],
  },
  {
    category: '床品',
    code: 'MT',
    weight: 2,
    seasons: ['冬季', '秋冬', '四季'],
    templates: ['{material}毛毯{feature}{use}{alias}', '{season}{feature}{material}毛毯{alias}'],
    words: {
      material: ['法兰绒', '牛奶绒', '珊瑚绒', '羊羔绒'],
      feature: ['加厚', '双层', '保暖', '午睡'],
      use: ['办公室', '沙发', '宿舍', '盖腿'],
      alias: ['毯子', '小被子', '床单'],
    },
    dims: [colour(BED_COLOURS, [1, 3]), size(BLANKET_SIZES, [2, 3], '尺寸')],
    cost: [35, 100],
    markup: [1.9, 2.8],
  },
  // ------------------------------------------------------------------------------------ 杯具
  {
    category: '杯具',
    code: 'MK',
    weight: 3,
    seasons: [],
    templates: ['{style}{material}马克杯{feature}{alias}'],
    words: {
      style: ['北欧ins风', '日式复古', '可爱卡通', '简约', '高颜值', '网红'],
      material: ['陶瓷', '骨瓷', '粗陶', ''],
      feature: ['带盖勺', '大容量', '情侣', '带把'],
      alias: ['', '家用喝水杯子', '办公室咖啡杯', '早餐杯'],
    },
    dims: [
      colour(CUP_COLOURS, [2, 4]),
      size(
        opts([
          ['350ml', '350'],
          ['450ml', '450', 5],
        ]),
        [1, 2],
        '容量',
      ),
    ],
    cost: [8, 25],
    markup: [2.2, 3.5],
  },
  {
    category: '杯具',
    code: 'BW',
    weight: 2,
    seasons: [],
    templates: ['{material}保温杯{feature}{user}{alias}'],
    words: {
      material: ['316不锈钢', '304不锈钢', '钛', '陶瓷内胆'],
      feature: ['大容量', '便携', '高颜值', '智能温显'],
      user: ['男女', '学生', '儿童', '商务'],
      alias: ['水杯', '茶杯', '泡茶杯', ''],
    },
    dims: [
      colour(CUP_COLOURS, [2, 4]),
      size(
        opts([
          ['350ml', '350'],
          ['500ml', '500', 10],
          ['750ml', '750', 20],
          ['1000ml', '1000', 30],
        ]),
        [1, 2],
        '容量',
      ),
    ],
    cost: [25, 60],
    markup: [2.0, 3.0],
  },
  {
    category: '杯具',
    code: 'BL',
    weight: 2,
    seasons: [],
    templates: ['{feature}玻璃杯{style}{alias}'],
    words: {
      feature: ['耐热', '高硼硅', '带把', '双层', 'ins'],
      style: ['家用', '简约', '竹节', '锤纹', '磨砂'],
      alias: ['喝水杯', '咖啡杯', '牛奶杯', '茶杯'],
    },
    dims: [
      colour(['透明', '琥珀色', '烟灰色'], [1, 2]),
      size(
        opts([
          ['单只装', '1P'],
          ['两只装', '2P', 10],
          ['四只装', '4P', 25],
        ]),
        [1, 3],
        '规格',
      ),
    ],
    cost: [6, 20],
    markup: [2.2, 3.5],
  },
  {
    category: '杯具',
    code: 'CJ',
    weight: 1,
    seasons: [],
    templates: ['{style}{material}功夫茶具套装{feature}{alias}'],
    words: {
      style: ['中式', '日式', '复古', '轻奢'],
      material: ['陶瓷', '粗陶', '汝窑', '玻璃'],
      feature: ['家用', '整套', '旅行便携', '办公室'],
      alias: ['茶杯茶壶', '', '会客'],
    },
    dims: [colour(['奶白色', '雾霾蓝', '墨绿色', '姜黄色', '黑色'], [1, 4])],
    cost: [40, 120],
    markup: [1.9, 2.8],
  },
  // -------------------------------------------------------------------------------- 家居日用
  {
    category: '家居日用',
    code: 'SN',
    weight: 2,
    seasons: [],
    templates: ['{material}收纳箱{feature}{use}{alias}'],
    words: {
      material: ['塑料', '布艺', '透明', 'PP'],
      feature: ['加厚', '大号', '可折叠', '带滑轮'],
      use: ['家用', '衣柜', '宿舍'],
      alias: ['衣服整理箱', '储物箱', '收纳盒'],
    },
    dims: [
      colour(['透明', '米白色', '灰色', '浅蓝色', '原木色'], [1, 3]),
      size(
        opts([
          ['小号', 'S'],
          ['中号', 'M', 8],
          ['大号', 'L', 15],
          ['特大号', 'XL', 25],
        ]),
        [2, 3],
        '规格',
      ),
    ],
    cost: [12, 40],
    markup: [2.0, 3.0],
  },
  {
    category: '家居日用',
    code: 'BZ',
    weight: 2,
    seasons: [],
    templates: ['{style}抱枕{feature}{use}{alias}'],
    words: {
      style: ['北欧', 'ins风', '简约纯色', '卡通', '复古'],
      feature: ['', '毛绒', '棉麻'],
      use: ['沙发', '客厅', '床头'],
      alias: ['靠垫', '靠枕', '靠背'],
    },
    dims: [
      colour(HOME_COLOURS, [1, 3]),
      size(
        opts([
          ['45x45cm(含芯)', '45'],
          ['50x50cm(含芯)', '50', 5],
          ['30x50cm腰枕(含芯)', '3050'],
        ]),
        [1, 2],
        '规格',
      ),
    ],
    cost: [12, 35],
    markup: [2.2, 3.2],
  },
  {
    category: '家居日用',
    code: 'DD',
    weight: 2,
    seasons: [],
    templates: ['{feature}地垫{use}{style}{alias}'],
    words: {
      feature: ['吸水', '硅藻泥', '防滑', '可擦免洗'],
      use: ['进门', '浴室', '厨房', '卫生间'],
      style: ['家用', 'ins风', '简约'],
      alias: ['门垫', '脚垫', '地毯'],
    },
    dims: [
      colour(HOME_COLOURS, [1, 3]),
      size(
        opts([
          ['40x60cm', '4060'],
          ['50x80cm', '5080', 8],
          ['60x90cm', '6090', 15],
        ]),
        [1, 3],
        '规格',
      ),
    ],
    cost: [10, 35],
    markup: [2.2, 3.2],
  },
  {
    category: '家居日用',
    code: 'MJ',
    weight: 2,
    seasons: [],
    templates: ['{material}毛巾{feature}{use}{alias}'],
    words: {
      material: ['纯棉', '竹纤维', '珊瑚绒', 'A类'],
      feature: ['吸水', '加厚', '不掉毛', '柔软'],
      use: ['家用', '洗脸', '成人', '情侣'],
      alias: ['面巾', '', '洗澡'],
    },
    dims: [
      colour(HOME_COLOURS, [1, 3]),
      size(
        opts([
          ['单条装', '1P'],
          ['两条装', '2P', 10],
          ['三条装', '3P', 18],
        ]),
        [1, 3],
        '规格',
      ),
    ],
    cost: [6, 20],
    markup: [2.2, 3.5],
  },
  {
    category: '家居日用',
    code: 'TL',
    weight: 2,
    seasons: ['夏季', '冬季', '四季'],
    templates: ['{ys}{material}拖鞋{gender}{feature}{use}{alias}'],
    words: {
      gender: ['女', '男', '情侣', '女士'],
      use: ['居家室内', '家用', '外穿'],
    },
    bySeason: {
      夏季: {
        material: ['EVA', '软底', '洞洞'],
        feature: ['防滑', '踩屎感', '浴室'],
        alias: ['凉拖', '洗澡拖'],
      },
      冬季: {
        material: ['棉', '毛绒', '加厚'],
        feature: ['保暖', '包跟', '居家'],
        alias: ['月子鞋', '毛毛拖', ''],
      },
      四季: { material: ['EVA', '软底'], feature: ['防滑', '静音'], alias: ['', '家居鞋'] },
    },
    dims: [
      colour(['灰色', '米白色', '粉色', '墨绿色', '咖啡色', '黑色'], [1, 3]),
      size(
        opts([
          ['36-37', '3637'],
          ['38-39', '3839'],
          ['40-41', '4041'],
          ['42-43', '4243'],
          ['44-45', '4445'],
        ]),
        [2, 4],
      ),
    ],
    cost: [5, 15],
    markup: [2.5, 4.0],
  },
];

/** Product notes a shop keeps for customer service (§15.4 product knowledge), by category. */
export const NOTES: Readonly<Record<string, readonly string[]>> = {
  男装: [
    '面料成分：100%棉，克重220g',
    '模特身高178cm体重70kg，穿XL码',
    '尺码偏小，建议拍大一码',
    '深色款首次洗涤可能轻微浮色，属正常现象',
  ],
  女装: [
    '模特身高165cm体重48kg，穿S码',
    '尺码标准，按平时尺码拍',
    '面料微弹，建议手洗',
    '浅色款有里衬，不透',
  ],
  家居服: ['建议手洗或装洗衣袋机洗', '尺码标准，按平时尺码拍', '纯棉面料首次洗涤会轻微缩水'],
  床品: [
    '1.5m床：被套200x230cm，床单245x250cm，枕套48x74cm一对',
    '首次使用前建议先洗涤一次',
    '不含被芯和枕芯',
  ],
  杯具: ['不可用于微波炉', '可入洗碗机', '首次使用请用温水清洗', '手工上釉，轻微色差属正常'],
  家居日用: ['尺寸为手工测量，误差1-2cm', '易碎品已加固包装', '颜色以实物为准'],
};
