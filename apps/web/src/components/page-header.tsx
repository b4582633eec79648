import { Breadcrumb, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A step of a detail page's breadcrumbs: the lists above it link back; the last (the page itself) does not. */
export type Crumb = { title: ReactNode; to?: string };

type Props = { title: ReactNode; subtitle?: ReactNode; extra?: ReactNode; tags?: ReactNode; breadcrumb?: Crumb[] };

export function PageHeader({ title, subtitle, extra, tags, breadcrumb }: Props) {
  return (
    <>
      {breadcrumb && breadcrumb.length > 0 ? (
        <Breadcrumb
          style={{ marginBottom: 8 }}
          data-testid="breadcrumbs"
          items={breadcrumb.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : <span className="crm-crumb-current">{c.title}</span> }))}
        />
      ) : null}
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 16 }}>
        <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          <Flex align="center" gap={12} wrap>
            <Typography.Title level={3} style={{ margin: 0, minWidth: 0 }}>
              {title}
            </Typography.Title>
            {tags}
          </Flex>
          {subtitle ? (
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              {subtitle}
            </Typography.Paragraph>
          ) : null}
        </div>
        {extra ? (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        ) : null}
      </Flex>
    </>
  );
}
