import { ConfigProvider } from 'antd';
import { createElement, type ReactElement } from 'react';
import { configure, screen } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';

// role queries skip the visibility check: it asks jsdom for every element's computed style, and
// the elements these tests look for are mounted only while shown
configure({ defaultHidden: true });

/**
 * userEvent without its pointer-events check: that check asks jsdom for the computed style of the
 * target and its ancestors, which antd's many style rules make take seconds per click.
 */
export const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });

// Role queries with a name compute every candidate's accessible name, which takes seconds over a
// page of antd tables in jsdom; these helpers find by the visible text and climb to the element.

type Scope = Pick<typeof screen, 'findByText' | 'queryByText'>;

/** Clicks the button that says `text`. */
export async function clickButton(text: string | RegExp, scope: Scope = screen) {
  const label = await scope.findByText(text, { selector: 'button, button *' });
  await user.click(label.closest('button')!);
}

/** Whether a button says `text`. */
export function hasButton(text: string | RegExp, scope: Scope = screen) {
  return scope.queryByText(text, { selector: 'button, button *' }) !== null;
}

/** The open dialog titled `title`. */
export async function dialog(title: string | RegExp): Promise<HTMLElement> {
  const heading = await screen.findByText(title, { selector: '.ant-modal-title' });
  return heading.closest('.ant-modal') as HTMLElement;
}

/** The open popconfirm asking `question`. */
export async function popconfirm(question: string | RegExp): Promise<HTMLElement> {
  const asked = await screen.findByText(question);
  return asked.closest('.ant-popover') as HTMLElement;
}

/** Opens an antd select and picks the option with this text. */
export async function choose(select: HTMLElement, option: string) {
  await user.click(select);
  const found = await screen.findAllByText(option, { selector: '.ant-select-item-option-content' });
  await user.click(found[found.length - 1]);
}

/** The page without antd's motion: dialogs and popups appear at once, and tests wait less. */
export function still(ui: ReactElement) {
  return createElement(ConfigProvider, { theme: { token: { motion: false } } }, ui);
}
