import { AimOutlined, ProjectOutlined, SearchOutlined, SolutionOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Empty, Input, Modal, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../../components/error-alert.tsx';
import type { SearchHit, SearchResult } from '../../../lib/types.ts';
import { useSearch } from '../api/search.ts';

type Kind = keyof SearchResult;
const kinds: Kind[] = ['leads', 'projects', 'agents', 'people'];
const icons: Record<Kind, ReactNode> = { leads: <AimOutlined />, projects: <ProjectOutlined />, agents: <SolutionOutlined />, people: <UserOutlined /> };

/** Where a hit opens: its page; an agent its list filtered to it; a person the leads they own. */
const hrefOf = (kind: Kind, hit: SearchHit): string =>
  kind === 'leads'
    ? `/leads/${hit.id}`
    : kind === 'projects'
      ? `/projects/${hit.id}`
      : kind === 'agents'
        ? `/agents?q=${encodeURIComponent(hit.title)}`
        : `/leads?ownerId=${hit.id}`;

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The header search: Ctrl+K (⌘K on a Mac) or the button opens it; typing searches leads, projects, agents and
 * people (after a pause, at least two characters); ↑/↓ move, Enter opens, Esc closes. The server returns only what
 * the person may open.
 */
export function GlobalSearch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const search = useSearch(q);
  const ready = q.length >= 2 && search.data !== undefined && !search.isPlaceholderData;
  const hits = useMemo(() => (ready && search.data ? kinds.flatMap((kind) => search.data[kind].map((hit) => ({ kind, hit }))) : []), [ready, search.data]);
  useEffect(() => setActive(0), [hits]);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const close = () => {
    setOpen(false);
    setText('');
    setQ('');
  };
  const go = (i: number) => {
    const target = hits[i];
    if (!target) return;
    close();
    void navigate(hrefOf(target.kind, target.hit));
  };

  let index = -1;
  const body =
    text.trim().length < 2 ? (
      <Typography.Text type="secondary">{t('ux.search.tooShort')}</Typography.Text>
    ) : search.isError ? (
      <Typography.Text type="danger">{errorText(search.error, t)}</Typography.Text>
    ) : !ready ? (
      <Spin size="small" />
    ) : hits.length === 0 ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ux.search.empty')} data-testid="search-empty" />
    ) : (
      kinds.map((kind) =>
        search.data && search.data[kind].length > 0 ? (
          <div key={kind} className="crm-search-group">
            <div className="crm-search-group-title">{t(`ux.search.${kind}`)}</div>
            {search.data[kind].map((hit) => {
              index += 1;
              const i = index;
              return (
                <div
                  key={hit.id}
                  role="option"
                  aria-selected={i === active}
                  data-index={i}
                  data-testid={`search-hit-${kind}-${hit.id}`}
                  className={`crm-search-hit${i === active ? ' crm-search-hit-active' : ''}`}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => go(i)}
                >
                  <span className="crm-search-hit-icon">{icons[kind]}</span>
                  <span className="crm-search-hit-text">
                    <span className="crm-search-hit-title">{hit.title}</span>
                    {hit.detail ? <span className="crm-search-hit-detail">{hit.detail}</span> : null}
                  </span>
                </div>
              );
            })}
          </div>
        ) : null,
      )
    );

  return (
    <>
      <Button icon={<SearchOutlined />} onClick={() => setOpen(true)} data-testid="search-open" aria-label={t('ux.search.open')} className="crm-search-button">
        {compact ? null : (
          <>
            {t('ux.search.open')}
            <kbd className="crm-kbd">{isMac ? '⌘K' : 'Ctrl K'}</kbd>
          </>
        )}
      </Button>
      <Modal open={open} onCancel={close} footer={null} closable={false} width={640} style={{ top: 72 }} destroyOnHidden data-testid="search-modal">
        <Input
          autoFocus
          size="large"
          prefix={<SearchOutlined />}
          placeholder={t('ux.search.placeholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => (hits.length ? (a + 1) % hits.length : 0));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => (hits.length ? (a - 1 + hits.length) % hits.length : 0));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              go(active);
            }
          }}
          data-testid="search-input"
          aria-label={t('ux.search.placeholder')}
        />
        <div ref={list} role="listbox" className="crm-search-results" data-testid="search-results">
          {body}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('ux.search.hint')}
        </Typography.Text>
      </Modal>
    </>
  );
}
