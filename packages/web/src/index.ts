export { loginPage, signupPage, type LoginView, type SignupView } from './auth-pages.js';
export {
  clientsPage,
  clientPage,
  linkIssuedPage,
  type ClientsView,
  type ClientRowView,
  type ClientView,
  type AgreementSummaryView,
  type AdministrationView,
  type LinkIssuedView,
} from './client-pages.js';
export { messagePage, type MessageView } from './check-pages.js';
export { LineChart, type ChartPoint, type LineChartProps } from './chart.js';
export { readStylesheet } from './assets.js';
export type { Viewer } from './layout.js';
export type { FormError } from './form.js';
export {
  guideHomePage,
  guideChapterPage,
  guideChapterPrintPage,
  guideQuestionPage,
  guideSearchPage,
  guideReferencesPage,
  guideSignalPage,
  type GuideHomeView,
  type GuideChapterLink,
  type GuideSignalLink,
  type GuideChapterView,
  type GuideAnswerView,
  type GuideQuestionView,
  type GuideChapterPrintView,
  type GuideSearchView,
  type GuideReferencesView,
  type GuideSignalView,
} from './guide-pages.js';
export type { GuideQuestionLink, GuideReferenceView, GuideSectionView } from './guide-parts.js';
export { readGuideSearchScript } from './guide-assets.js';
export {
  contractEditorPage,
  contractPreviewPage,
  contractOfferedPage,
  type ContractEditorView,
  type ContractPreviewView,
  type ContractOfferedView,
  type ContractVersionRow,
} from './frame-pages.js';
export { contractClientPage, type ContractClientView } from './frame-client-pages.js';
export type { ContractSectionView, DiffView, SectionChangeView, WordChangeView } from './frame-parts.js';
export {
  twoFactorChallengePage,
  twoFactorStatusPage,
  twoFactorSetupPage,
  recoveryCodesPage,
  passwordChangePage,
  practiceSecurityPage,
  auditPage,
  type TwoFactorStatusView,
  type TwoFactorSetupView,
  type AuditRowView,
  type AuditPageView,
} from './security-pages.js';
export {
  instrumentFormPage,
  type InstrumentFormView,
  type InstrumentItemView,
  type ChoiceView,
} from './instrument-form.js';
export type {
  BadgeView,
  MeasureHistoryView,
  MeasureResponseView,
  SendMeasureView,
  SelectOption,
  SignalView,
} from './measure-parts.js';
export { clauseListPage, clauseEditPage, type ClauseListView, type ClauseEditView } from './clause-pages.js';
export {
  homeLockPage,
  homePage,
  homeGoalsPage,
  homeProgressPage,
  homeAgreementPage,
  type HomeLockView,
  type HomeView,
  type GoalsView,
  type ProgressView,
  type ProgressSeriesView,
  type HomeAgreementView,
  type HomeNavView,
  type HomeSection,
  type HomeNoticeView,
  type HonestyView,
} from './home-pages.js';
export { homeLinkIssuedPage, type ClientHomePanelView, type HomeLinkIssuedView } from './home-parts.js';
export { formatDate } from './format.js';
export {
  sessionsPage,
  notePage,
  boundariesPage,
  type SessionsView,
  type SessionRowView,
  type NoteView,
  type BoundariesView,
  type BoundaryRowView,
  type EpisodeHeadView,
} from './record-pages.js';
export {
  journalPage,
  journalEntryPage,
  type JournalView,
  type JournalRowView,
  type JournalPromptView,
  type JournalFormView,
  type JournalEntryView,
  type AboutView,
} from './journal-pages.js';
