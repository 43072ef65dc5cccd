export { loginPage, signupPage, type LoginView, type SignupView } from './auth-pages.js';
export {
  clientsPage,
  clientPage,
  linkIssuedPage,
  type ClientsView,
  type ClientView,
  type AgreementSummaryView,
  type AdministrationView,
  type LinkIssuedView,
} from './client-pages.js';
export { messagePage, type MessageView } from './check-pages.js';
export { ChartSvg, LineChart, chartDate, type ChartPoint, type LineChartProps } from './chart.js';
export { chartScene, chartTable } from './chart-model.js';
export {
  CHART_COLOURS,
  SERIES_SHAPES,
  type ChartPart,
  type ChartPrimitive,
  type ChartPt,
  type ChartScene,
  type ChartSeries,
  type ChartSpec,
  type MarkKind,
  type PointShape,
} from './chart-scene.js';
export {
  timelinePage,
  type TimelineView,
  type TimelineStageView,
  type TimelineEntryView,
  type TimelineChartView,
} from './timeline-pages.js';
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
export type { VoiceFormView } from './voice-form.js';
export type { HomeVoiceView } from './home-voice.js';
export type { VoicePanelView } from './voice-parts.js';
export {
  phoneEntryPage,
  voiceLinkPage,
  phoneConfirmPage,
  carerPage,
  rateLaterPage,
  type PhoneEntryFormView,
  type VoiceLinkView,
  type PhoneConfirmView,
  type CarerPageView,
  type RateLaterView,
} from './voice-pages.js';
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
export { formatDate, formatDateTime } from './format.js';
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
export { preparationLine, formatDay, type EndingPanelView } from './ending-parts.js';
export {
  endingPage,
  endingSummaryPage,
  type EndingPageView,
  type EndingLinkView,
  type EndingSummaryView,
} from './ending-pages.js';
export {
  outcomesPage,
  endingsListPage,
  type OutcomesView,
  type OutcomeFigureView,
  type EndingsListView,
  type EndingRowView,
} from './outcomes-pages.js';
export type { CaseloadView, CaseloadRowView, NeedCountView, PastClientView } from './caseload-parts.js';
export type { WorkspacePanelView, PerspectiveRowView, RuptureRowView } from './workspace-parts.js';
export { perspectiveFormPage, rupturePage, type PerspectiveFormView, type RuptureView } from './workspace-pages.js';
export {
  agendaPage,
  supervisorHomePage,
  superviseePage,
  type AgendaItemView,
  type AgendaFormView,
  type AgendaPageView,
  type SupervisedCaseView,
  type SuperviseeView,
  type SupervisorHomeView,
} from './supervision-pages.js';
export {
  peoplePage,
  personAddedPage,
  supervisionLinksPage,
  type PeoplePageView,
  type PersonAddedView,
  type PersonRowView,
  type SupervisionLinksView,
} from './people-pages.js';
export { clientErasedPage, eraseClientPage, type ClientErasedView, type EraseClientView } from './rights-pages.js';
