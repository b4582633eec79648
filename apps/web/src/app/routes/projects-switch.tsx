import { AppstoreOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** The two views of the projects: the list and the lifecycle board. */
export function ProjectsSwitch({ value }: { value: 'list' | 'board' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Segmented<'list' | 'board'>
      value={value}
      onChange={(next) => void navigate(next === 'board' ? '/projects/board' : '/projects')}
      options={[
        { value: 'list', label: t('projects.list'), icon: <UnorderedListOutlined /> },
        { value: 'board', label: t('projects.board'), icon: <AppstoreOutlined /> },
      ]}
      data-testid="projects-switch"
    />
  );
}
