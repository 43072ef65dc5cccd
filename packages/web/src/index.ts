export { loginPage, signupPage, type LoginView, type SignupView } from './auth-pages.js';
export {
  clientsPage,
  clientPage,
  linkIssuedPage,
  type ClientsView,
  type ClientView,
  type ClientRowView,
  type AdministrationView,
  type LinkIssuedView,
} from './client-pages.js';
export { checkFormPage, messagePage, type CheckFormView, type CheckItemView, type MessageView } from './check-pages.js';
export { LineChart, type ChartPoint, type LineChartProps } from './chart.js';
export { readStylesheet } from './assets.js';
export type { Viewer } from './layout.js';
export type { FormError } from './form.js';
