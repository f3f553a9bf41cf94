import { createRouter, createWebHistory, type RouteRecordRaw } from "vue-router";
import { signIn, user } from "./auth";
import HomePage from "./pages/HomePage.vue";
import SearchPage from "./pages/SearchPage.vue";

const routes: RouteRecordRaw[] = [
  // 门户首页 and 见习岗位查询 are in the first bundle: the screens most visitors open first, with no sign-in
  // (the home page is a few lines: a second request for it cost more than it saved).
  { path: "/", component: HomePage, meta: { title: "门户首页" } },
  { path: "/search", name: "search", component: SearchPage, meta: { title: "见习岗位查询" } },
  { path: "/positions/:id", component: () => import("./pages/PositionPage.vue"), meta: { title: "岗位详情" } },
  { path: "/callback", component: () => import("./pages/CallbackPage.vue"), meta: { title: "登录" } },
  { path: "/verify/:id", component: () => import("./pages/VerifyPage.vue"), meta: { title: "扫码验真" } },
  { path: "/apply", component: () => import("./pages/ApplyPage.vue"), meta: { title: "就业见习人员申请", signedIn: true } },
  { path: "/center", component: () => import("./pages/CenterPage.vue"), meta: { title: "个人中心", signedIn: true } },
  { path: "/messages", component: () => import("./pages/MessagesPage.vue"), meta: { title: "消息中心", signedIn: true } },
  { path: "/center/cases/:id", component: () => import("./pages/CasePage.vue"), meta: { title: "办件详情", signedIn: true } },
  {
    path: "/trainee",
    name: "trainee",
    component: () => import("./pages/TraineePage.vue"),
    meta: { title: "见习岗位录入及维护", signedIn: true },
  },
  {
    path: "/trainee/positions/:id",
    component: () => import("./pages/PositionPage.vue"),
    props: { trainee: true },
    meta: { title: "岗位详情", signedIn: true },
  },
  { path: "/trainee/favourites", component: () => import("./pages/FavouritesPage.vue"), meta: { title: "我的收藏", signedIn: true } },
  { path: "/staff/review", name: "review", component: () => import("./pages/ReviewQueuePage.vue"), meta: { title: "审核办件", signedIn: true } },
  { path: "/staff/review/:id", component: () => import("./pages/ReviewCasePage.vue"), meta: { title: "办件审核", signedIn: true } },
  { path: "/staff/positions", name: "staff-positions", component: () => import("./pages/StaffPositionsPage.vue"), meta: { title: "岗位管理", signedIn: true } },
  { path: "/staff/positions/new", component: () => import("./pages/PositionFormPage.vue"), meta: { title: "岗位发布", signedIn: true } },
  { path: "/staff/positions/:id", component: () => import("./pages/PositionFormPage.vue"), meta: { title: "编辑岗位", signedIn: true } },
  // --- units (issue 19): the 单位网厅 (a 法人登录 token) and the agency's 单位审核 / 岗位审核.
  { path: "/unit", component: () => import("./pages/UnitCenterPage.vue"), meta: { title: "单位中心", signedIn: true, unit: true } },
  {
    path: "/unit/recognition",
    component: () => import("./pages/UnitRecognitionPage.vue"),
    meta: { title: "见习单位认定申请", signedIn: true, unit: true },
  },
  {
    path: "/unit/recognitions/:id",
    component: () => import("./pages/UnitRecognitionCasePage.vue"),
    meta: { title: "办件详情", signedIn: true, unit: true },
  },
  {
    path: "/unit/positions",
    name: "unit-positions",
    component: () => import("./pages/UnitPositionsPage.vue"),
    meta: { title: "我的岗位", signedIn: true, unit: true },
  },
  {
    path: "/unit/positions/new",
    component: () => import("./pages/PositionFormPage.vue"),
    props: { unit: true },
    meta: { title: "岗位发布", signedIn: true, unit: true },
  },
  {
    path: "/unit/positions/:id",
    component: () => import("./pages/PositionFormPage.vue"),
    props: { unit: true },
    meta: { title: "编辑岗位", signedIn: true, unit: true },
  },
  { path: "/staff/units", component: () => import("./pages/UnitReviewQueuePage.vue"), meta: { title: "单位审核", signedIn: true } },
  { path: "/staff/units/:code", component: () => import("./pages/UnitReviewCasePage.vue"), meta: { title: "见习单位认定审核", signedIn: true } },
  {
    path: "/staff/unit-positions",
    component: () => import("./pages/UnitPositionReviewPage.vue"),
    meta: { title: "岗位审核", signedIn: true },
  },
  // 就业见习补贴 (issue 21): 公示公告 for anyone; the unit's 考勤填报 and 补贴申领 (`unit`: 法人登录, issue 19); the
  // agency's 补贴审核, 公示管理, 拨付.
  { path: "/notices", component: () => import("./pages/NoticeListPage.vue"), meta: { title: "公示公告" } },
  { path: "/notices/:id", component: () => import("./pages/NoticePage.vue"), meta: { title: "公示详情" } },
  { path: "/unit/attendance", component: () => import("./pages/AttendancePage.vue"), meta: { title: "考勤填报", signedIn: true, unit: true } },
  { path: "/unit/subsidies", component: () => import("./pages/SubsidyClaimsPage.vue"), meta: { title: "补贴申领", signedIn: true, unit: true } },
  { path: "/unit/subsidies/new", component: () => import("./pages/SubsidyClaimFormPage.vue"), meta: { title: "补贴申领", signedIn: true, unit: true } },
  { path: "/unit/subsidies/:id", component: () => import("./pages/SubsidyClaimPage.vue"), meta: { title: "申领详情", signedIn: true, unit: true } },
  { path: "/staff/subsidies", component: () => import("./pages/SubsidyReviewQueuePage.vue"), meta: { title: "补贴审核", signedIn: true } },
  { path: "/staff/subsidies/:id", component: () => import("./pages/SubsidyReviewPage.vue"), meta: { title: "补贴审核", signedIn: true } },
  { path: "/staff/subsidies/:id/objections", component: () => import("./pages/PublicityPage.vue"), meta: { title: "公示管理", signedIn: true } },
  { path: "/staff/subsidies/:id/disburse", component: () => import("./pages/DisbursePage.vue"), meta: { title: "拨付", signedIn: true } },
  // issue 23: 好差评 and 统计分析 for reviewers
  { path: "/staff/ratings", component: () => import("./pages/RatingsPage.vue"), meta: { title: "好差评", signedIn: true } },
  { path: "/staff/statistics", component: () => import("./pages/StatisticsPage.vue"), meta: { title: "统计分析", signedIn: true } },
  // issue 20 (placements-web): 我的见习, the unit's 应聘管理 / 意向人员 / 在岗见习人员, 扫码验真, the agency's 上岗报备.
  { path: "/trainee/placements", component: () => import("./pages/MyPlacementsPage.vue"), meta: { title: "我的见习", signedIn: true } },
  { path: "/trainee/placements/:id", component: () => import("./pages/PlacementPage.vue"), meta: { title: "见习详情", signedIn: true } },
  { path: "/unit/placements", component: () => import("./pages/UnitPlacementsPage.vue"), meta: { title: "应聘管理", signedIn: true, unit: true } },
  { path: "/unit/placements/:id", component: () => import("./pages/UnitPlacementPage.vue"), meta: { title: "见习详情", signedIn: true, unit: true } },
  { path: "/unit/positions/:id/interested", component: () => import("./pages/UnitInterestedPage.vue"), meta: { title: "意向人员", signedIn: true, unit: true } },
  { path: "/unit/trainees", component: () => import("./pages/UnitPlacementTraineesPage.vue"), meta: { title: "在岗见习人员", signedIn: true, unit: true } },
  { path: "/verify/placements/:id", component: () => import("./pages/PlacementVerifyPage.vue"), meta: { title: "扫码验真" } },
  { path: "/staff/onboarding", component: () => import("./pages/OnboardingPage.vue"), meta: { title: "上岗报备", signedIn: true } },
  { path: "/:rest(.*)*", component: () => import("./pages/NotFoundPage.vue"), meta: { title: "页面不存在" } },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  // 返回 lands where the person was: the list pages are kept alive, so their saved scroll position is still valid.
  scrollBehavior(_to, _from, saved) {
    return saved ?? { top: 0 };
  },
});

router.beforeEach(async (to) => {
  if (to.meta.signedIn && !user.value) {
    await signIn(to.fullPath, to.meta.unit ? "unit" : "personal");
    return false;
  }
  return true;
});

router.afterEach((to) => {
  document.title = `${String(to.meta.title ?? "")} · 山西省人社公共服务平台`;
});
