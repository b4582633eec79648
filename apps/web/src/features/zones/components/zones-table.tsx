import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBp } from '../../../lib/format.ts';
import type { Industry, Zone, ZoneLevel } from '../../../lib/types.ts';

const levelColors: Record<ZoneLevel, string> = { national: 'red', provincial: 'volcano', municipal: 'blue' };

type Props = {
  zones: Zone[];
  industries: Industry[];
  loading: boolean;
  emptyText: ReactNode;
  onEdit: (zone: Zone) => void;
  onAddPark: (zone: Zone) => void;
};

export function ZonesTable({ zones, industries, loading, emptyText, onEdit, onAddPark }: Props) {
  const { t } = useTranslation();
  const industryName = (id: string) => industries.find((i) => i.id === id)?.name ?? id.slice(0, 8);
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  const columns: ColumnsType<Zone> = [
    {
      title: t('zones.field.name'),
      dataIndex: 'name',
      width: 190,
      render: (_, zone) => (
        <div>
          <Typography.Text strong>{zone.name}</Typography.Text>
          {zone.county ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {zone.county}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('zones.field.level'),
      dataIndex: 'level',
      width: 80,
      render: (_, zone) => <Tag color={levelColors[zone.level]}>{t(`zoneLevel.${zone.level}`)}</Tag>,
    },
    {
      title: t('zones.field.leading'),
      dataIndex: 'leadingIndustryIds',
      width: 170,
      render: (_, zone) =>
        zone.leadingIndustryIds.length > 0
          ? zone.leadingIndustryIds.map((id) => (
              <Tag key={id} color="geekblue">
                {industryName(id)}
              </Tag>
            ))
          : dash,
    },
    {
      title: t('zones.field.emerging'),
      dataIndex: 'emergingIndustryIds',
      width: 130,
      render: (_, zone) =>
        zone.emergingIndustryIds.length > 0
          ? zone.emergingIndustryIds.map((id) => (
              <Tag key={id} color="purple">
                {industryName(id)}
              </Tag>
            ))
          : dash,
    },
    {
      title: t('zones.field.enclave'),
      dataIndex: 'isEnclave',
      width: 170,
      render: (_, zone) =>
        zone.isEnclave ? (
          <div>
            <Tag color="cyan">{t('zones.field.enclave')}</Tag>
            <div style={{ fontSize: 12 }}>
              {zone.enclavePartner}
              {zone.benefitShareBp !== null ? (
                <Typography.Text type="secondary">
                  {' '}
                  · {t('zones.field.benefitShare')} {formatBp(zone.benefitShareBp)}
                </Typography.Text>
              ) : null}
            </div>
          </div>
        ) : (
          dash
        ),
    },
    {
      title: t('zones.field.parks'),
      dataIndex: 'parks',
      width: 250,
      render: (_, zone) => (
        <Flex wrap gap={4} align="center">
          {zone.parks.length > 0 ? (
            zone.parks.map((p) => <Tag key={p.id}>{p.name}</Tag>)
          ) : (
            <Typography.Text type="secondary">{t('zones.noParks')}</Typography.Text>
          )}
          <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => onAddPark(zone)} data-testid={`zone-add-park-${zone.id}`}>
            {t('zones.addPark')}
          </Button>
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, zone) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(zone)}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];
  return (
    <Table<Zone>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={zones}
      loading={loading}
      pagination={false}
      scroll={{ x: 1080 }}
      locale={{ emptyText }}
      data-testid="zones-table"
    />
  );
}
