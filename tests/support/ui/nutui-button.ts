import { Button } from './nutui'
export default Button
