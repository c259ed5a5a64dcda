import { Switch } from './nutui'
export default Switch
