import type { Translate } from '../../i18n/I18n';

/** A label in words and the colour of its tag. */
export interface Label {
  text: string;
  color: string;
}

// each text below is asked for by its literal key, so that the console's text check sees every one

export function statusLabel(status: string, t: Translate): Label {
  switch (status) {
    case 'AWAITING_REVIEW':
      return { text: t('transfers.status.AWAITING_REVIEW'), color: 'gold' };
    case 'IN_PROGRESS':
      return { text: t('transfers.status.IN_PROGRESS'), color: 'processing' };
    case 'COMPLETED':
      return { text: t('transfers.status.COMPLETED'), color: 'success' };
    case 'REJECTED':
      return { text: t('transfers.status.REJECTED'), color: 'error' };
    case 'CANCELED':
      return { text: t('transfers.status.CANCELED'), color: 'default' };
    default:
      return { text: t('transfers.status.unknown'), color: 'default' };
  }
}

export function stateLabel(state: string, t: Translate): Label {
  switch (state) {
    case 'AWAITING_REVIEW':
      return { text: t('transfers.state.AWAITING_REVIEW'), color: 'gold' };
    case 'PENDING':
      return { text: t('transfers.state.PENDING'), color: 'blue' };
    case 'UPGRADING':
      return { text: t('transfers.state.UPGRADING'), color: 'processing' };
    case 'SUCCEEDED':
      return { text: t('transfers.state.SUCCEEDED'), color: 'success' };
    case 'FAILED':
      return { text: t('transfers.state.FAILED'), color: 'error' };
    case 'REJECTED':
      return { text: t('transfers.state.REJECTED'), color: 'volcano' };
    case 'CANCELED':
      return { text: t('transfers.state.CANCELED'), color: 'default' };
    default:
      return { text: t('transfers.state.unknown'), color: 'default' };
  }
}

export function actionLabel(action: string, t: Translate): Label {
  switch (action) {
    case 'ACCEPT':
      return { text: t('transfers.action.ACCEPT'), color: 'green' };
    case 'REJECT':
      return { text: t('transfers.action.REJECT'), color: 'red' };
    case 'CANCEL':
      return { text: t('transfers.action.CANCEL'), color: 'default' };
    default:
      return { text: t('transfers.action.unknown'), color: 'default' };
  }
}

export function modeLabel(mode: string, t: Translate): string {
  switch (mode) {
    case 'PUSH':
      return t('transfers.mode.PUSH');
    case 'PULL':
      return t('transfers.mode.PULL');
    default:
      return t('transfers.mode.unknown');
  }
}
