import type { FormRule as Rule } from 'antd';
import type { Translate } from '../../i18n/I18n';

/*
 * The documented field rules (docs/packages-api.md, docs/campaigns-api.md), checked before a
 * request so that a wrong form never leaves the browser; the server checks them again.
 */

export const VERSION = /^[A-Za-z0-9._+-]{1,64}$/;
export const KEY = /^[A-Za-z0-9_-]{1,64}$/;
export const MODULE = /^[A-Za-z0-9_-]{1,32}$/;
export const TAG = /^[A-Za-z0-9_.:-]{1,32}$/;
export const MAX_FROM_VERSIONS = 100;
export const MAX_VERIFY_DEVICES = 100;
export const MAX_SCOPE_DEVICES = 10_000;

/** A required text of 1–max characters once trimmed. */
export function requiredText(t: Translate, max: number): Rule[] {
  return [
    { required: true, whitespace: true, message: t('packages.rule.required') },
    {
      validator: async (_, value?: string) => {
        if (value && value.trim().length > max) throw new Error(t('packages.rule.tooLong', { max }));
      },
    },
  ];
}

export function versionRule(t: Translate): Rule {
  return {
    validator: async (_, value?: string) => {
      if (value && !VERSION.test(value)) throw new Error(t('packages.rule.version'));
    },
  };
}

/**
 * From-versions: each a version, at most 100, none the target; `required` for a DIFF package, a
 * verification and a batch.
 */
export function fromVersionsRule(t: Translate, target: () => string | undefined, required: () => boolean): Rule {
  return {
    validator: async (_, value?: string[]) => {
      const list = value ?? [];
      if (list.length === 0) {
        if (required()) throw new Error(t('packages.rule.fromVersionsRequired'));
        return;
      }
      if (list.length > MAX_FROM_VERSIONS) throw new Error(t('packages.rule.tooMany', { max: MAX_FROM_VERSIONS }));
      const bad = list.filter((v) => !VERSION.test(v));
      if (bad.length) throw new Error(t('packages.rule.versionsInvalid', { versions: bad.join(', ') }));
      const goal = target();
      if (goal && list.includes(goal)) throw new Error(t('packages.rule.sameAsTarget', { version: goal }));
    },
  };
}

export function devicesRule(t: Translate, max: number): Rule {
  return {
    validator: async (_, value?: string[]) => {
      if (!value || value.length === 0) throw new Error(t('packages.rule.devicesRequired'));
      if (value.length > max) throw new Error(t('packages.rule.tooMany', { max }));
    },
  };
}

/** A whole number in [min, max]; empty passes unless required. */
export function rangeRule(t: Translate, min: number, max: number, required = true): Rule {
  return {
    validator: async (_, value?: number | null) => {
      if (value === undefined || value === null) {
        if (required) throw new Error(t('packages.rule.required'));
        return;
      }
      if (!Number.isInteger(value) || value < min || value > max)
        throw new Error(t('packages.rule.range', { min, max }));
    },
  };
}
