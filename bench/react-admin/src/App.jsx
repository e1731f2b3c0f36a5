// The comparison app: the smallest react-admin list + edit of Atrium's organizations,
// the same screens the Atrium console's org list and Org Info form show.
import {
  Admin, Resource, List, Datagrid, TextField, NumberField, DateField, Edit, SimpleForm, TextInput,
  SearchInput, required,
} from 'react-admin';
import { dataProvider } from './dataProvider.js';

const filters = [<SearchInput source="q" alwaysOn key="q" />];

const OrgList = () => (
  <List filters={filters} sort={{ field: 'name', order: 'ASC' }} perPage={25}>
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <TextField source="name" />
      <NumberField source="user_count" label="Users" />
      <NumberField source="agent_count" label="Agents" />
      <DateField source="updated_at" label="Updated" />
    </Datagrid>
  </List>
);

const OrgEdit = () => (
  <Edit mutationMode="pessimistic">
    <SimpleForm>
      <TextInput source="name" validate={required()} />
      <TextInput source="contact_email" type="email" />
      <TextInput source="logo_url" />
    </SimpleForm>
  </Edit>
);

export const App = () => (
  <Admin dataProvider={dataProvider} disableTelemetry>
    <Resource name="orgs" list={OrgList} edit={OrgEdit} options={{ label: 'Organizations' }} />
  </Admin>
);
