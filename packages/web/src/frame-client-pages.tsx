import { formatDateTime } from './format.js';
import { StatusNotice } from './form.js';
import { ContractDiff, ContractText, type ContractSectionView, type DiffView } from './frame-parts.js';
import { Layout, renderDocument } from './layout.js';

export interface ContractClientView {
  readonly action: string;
  readonly version: number;
  readonly practiceName: string;
  readonly forYoungPerson: boolean;
  readonly needsCarer: boolean;
  readonly sections: readonly ContractSectionView[];
  readonly diff: DiffView | null;
  readonly contentHash: string;
  readonly state:
    | { readonly kind: 'open' }
    | { readonly kind: 'agreed'; readonly names: readonly string[]; readonly at: string }
    | { readonly kind: 'superseded'; readonly latest: number };
  readonly notice?: string | undefined;
  readonly problem?: { readonly message: string; readonly fields: Readonly<Record<string, string>> } | undefined;
  readonly values?: { readonly clientName?: string; readonly carerName?: string; readonly question?: string };
}

/**
 * The client's agreement page: the contract in words they can use, what
 * changed since the last version, a way to ask a question, and a way to agree.
 */
export function contractClientPage(v: ContractClientView): string {
  const f = v.problem?.fields ?? {};
  const title = v.forYoungPerson ? 'Our agreement' : 'Our counselling agreement';
  return renderDocument(
    <Layout title={title} viewer={{ kind: 'client' }}>
      <h1>
        {title} <span class="muted">(version {String(v.version)})</span>
      </h1>
      <StatusNotice text={v.notice} />
      {v.state.kind === 'superseded' ? (
        <div class="error-summary" role="alert">
          <h2>This version has changed</h2>
          <p>
            Your counsellor has written version {String(v.state.latest)} since this one, so this version can no longer
            be agreed. Please use the newest link they sent you, or ask them for it.
          </p>
        </div>
      ) : null}
      {v.state.kind === 'agreed' ? (
        <p class="notice" role="status">
          Agreed by {v.state.names.join(' and ')} on {formatDateTime(v.state.at)}. You can come back to this page to
          read it again.
        </p>
      ) : (
        <p>
          {v.forYoungPerson
            ? 'Please read this with care. If anything is unclear or you would like something changed, ask below: your counsellor will talk it through with you.'
            : `This sets out how we will work together at ${v.practiceName}. Ask about anything you would like explained or changed before you agree.`}
        </p>
      )}
      {v.diff ? <ContractDiff diff={v.diff} id="changes" /> : null}
      <ContractText sections={v.sections} />
      {v.state.kind === 'open' ? (
        <>
          <section aria-labelledby="ask">
            <h2 id="ask">Ask a question</h2>
            <form method="post" action={`${v.action}/question`} class="stack">
              <div class={f['question'] ? 'field has-error' : 'field'}>
                <label for="f-question">Your question or what you would like changed</label>
                {f['question'] ? <p class="error">{f['question']}</p> : null}
                <textarea id="f-question" name="question" rows={4} maxlength={2000}>
                  {v.values?.question ?? ''}
                </textarea>
              </div>
              <button type="submit" class="secondary">
                Send my question
              </button>
            </form>
          </section>
          <section aria-labelledby="agree">
            <h2 id="agree">Agree</h2>
            {v.problem && !f['question'] ? (
              <div class="error-summary" role="alert">
                <p>{v.problem.message}</p>
              </div>
            ) : null}
            <form method="post" action={`${v.action}/agree`} class="stack">
              <input type="hidden" name="contentHash" value={v.contentHash} />
              <div class={f['clientName'] ? 'field has-error' : 'field'}>
                <label for="f-clientName">{v.forYoungPerson ? 'Type your name' : 'Type your full name to sign'}</label>
                {f['clientName'] ? <p class="error">{f['clientName']}</p> : null}
                <input
                  id="f-clientName"
                  type="text"
                  name="clientName"
                  value={v.values?.clientName ?? ''}
                  maxlength={120}
                  autocomplete="name"
                />
              </div>
              {v.needsCarer ? (
                <div class={f['carerName'] ? 'field has-error' : 'field'}>
                  <label for="f-carerName">Parent or carer: type your name to acknowledge it</label>
                  {f['carerName'] ? <p class="error">{f['carerName']}</p> : null}
                  <input
                    id="f-carerName"
                    type="text"
                    name="carerName"
                    value={v.values?.carerName ?? ''}
                    maxlength={120}
                  />
                </div>
              ) : null}
              <div class={f['confirm'] ? 'field has-error' : 'field'}>
                {f['confirm'] ? <p class="error">{f['confirm']}</p> : null}
                <label class="check">
                  <input type="checkbox" name="confirm" value="yes" />{' '}
                  {v.forYoungPerson ? 'I have read this and I agree' : 'I have read this agreement and I agree to it'}
                </label>
              </div>
              <button type="submit">I agree</button>
            </form>
          </section>
        </>
      ) : null}
    </Layout>,
  );
}
